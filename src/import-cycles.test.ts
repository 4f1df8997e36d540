import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";

const SRC = dirname(new URL(import.meta.url).pathname);

/** Every TypeScript source file under `dir` (tests included: they must not close a cycle either). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** `import … from "./x.js"`, `export … from`, `import "./x.js"` and `import("./x.js")`. */
const IMPORT = /(?:^|[\s;])(?:import|export)\b[^;"'`]*?(?:from\s*)?\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

/** The files under src/ that `file` imports or re-exports (type-only imports too). */
function importsOf(file: string): string[] {
  // Comments dropped first: TSDoc examples show imports that are not made.
  const code = readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");
  return [...code.matchAll(IMPORT)]
    .map((m) => m[1]!)
    .map((name) => resolve(dirname(file), name.replace(/\.js$/, ".ts")))
    .filter((path) => path.startsWith(SRC) && existsSync(path));
}

/** The strongly connected components of more than one file (Tarjan), and self-imports. */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(relative(SRC, w));
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe("imports under src/", () => {
  it("form no cycle (type-only imports and re-exports count too)", () => {
    const graph = new Map(sources(SRC).map((file) => [file, importsOf(file)]));
    assert.ok(graph.size > 100, `${graph.size} files read`);
    assert.deepEqual(cycles(graph), []);
  });

  it("finds a cycle through a type-only import (the check itself works)", () => {
    const a = join(SRC, "a.ts");
    const b = join(SRC, "b.ts");
    assert.deepEqual(
      cycles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
      [["a.ts", "b.ts"]],
    );
    const code =
      'import type { X } from "./b.js";\nexport { y } from "../c.js";\n/** import { z } from "./d.js" */';
    assert.deepEqual(
      [...code.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(IMPORT)].map((m) => m[1]),
      ["./b.js", "../c.js"],
    );
  });
});
