import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { packageRoot, tslabKernelSpec, userJupyterDataDir, writeKernelSpec } from "./kernel-spec.js";

describe("kernel-spec", () => {
  it("the kernelspec starts the kit's tslab with this Node", () => {
    assert.deepEqual(tslabKernelSpec(), {
      argv: [
        process.execPath,
        join(packageRoot(), "node_modules", "tslab", "bin", "tslab"),
        "kernel",
        "--config-path",
        "{connection_file}",
      ],
      display_name: "TypeScript (tslab)",
      language: "typescript",
    });
  });

  it("writeKernelSpec writes kernels/tslab/kernel.json once and leaves an identical one alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "kernel-spec-"));
    try {
      const file = writeKernelSpec(dir);
      assert.equal(file, join(dir, "kernels", "tslab", "kernel.json"));
      assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), tslabKernelSpec());
      const written = statSync(file).mtimeMs;
      writeKernelSpec(dir);
      assert.equal(statSync(file).mtimeMs, written);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("userJupyterDataDir: JUPYTER_DATA_DIR, else XDG_DATA_HOME/jupyter, when Python cannot say", () => {
    const python = "/nonexistent/python3";
    assert.equal(userJupyterDataDir(python, { JUPYTER_DATA_DIR: "/srv/jd" }), "/srv/jd");
    assert.equal(userJupyterDataDir(python, { XDG_DATA_HOME: "/x/share" }), "/x/share/jupyter");
    assert.equal(userJupyterDataDir(python, {}), join(homedir(), ".local", "share", "jupyter"));
  });
});
