import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The kernel name notebooks ask for in `metadata.kernelspec.name`.
 *
 * @example
 * ```ts
 * notebook.metadata.kernelspec.name === KERNEL_NAME //=> true for the kit's notebooks
 * ```
 */
export const KERNEL_NAME = "tslab";

/** Options of {@link installKernel}. */
export interface InstallKernelOptions {
  /** The checkout holding package.json and node_modules/tslab. @default this package's root */
  repoDir?: string;
  /** Register for the current user (~/.local/share/jupyter) instead of the checkout's .jupyter. @default false */
  user?: boolean;
}

/** Where the kernel was registered. */
export interface KernelSetup {
  /** The checkout. */
  repoDir: string;
  /** The folder to put first in JUPYTER_PATH so Jupyter finds the kernel. */
  jupyterPath: string;
  /** The kernelspec file written. */
  kernelJson: string;
  /** True when node_modules/epm-audit-kit was created to point at the checkout. */
  linked: boolean;
}

/**
 * The kit's package root (this file is in dist/cli/ or src/cli/).
 *
 * @returns the absolute path of the folder holding package.json
 * @example
 * ```ts
 * join(packageRoot(), "notebooks") //=> "/work/epm-audit-kit/notebooks"
 * ```
 */
export function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/**
 * Registers the tslab TypeScript kernel for this checkout: a kernelspec that starts the
 * checkout's own tslab with the Node binary running now (tslab needs Node ≥ 22 here; a `node`
 * found on PATH may be older), and a `node_modules/epm-audit-kit` link to the checkout so
 * notebooks import the kit by its package name — tslab type-checks with the old Node10
 * resolution, which ignores a package's self-reference through `exports`.
 *
 * @param options - checkout and scope
 * @returns where it was registered
 * @throws Error when tslab is not installed in the checkout (run `npm ci`)
 * @example
 * ```ts
 * const { jupyterPath } = installKernel();
 * // JUPYTER_PATH=<jupyterPath> jupyter notebook notebooks/
 * ```
 */
export function installKernel(options: InstallKernelOptions = {}): KernelSetup {
  const repoDir = resolve(options.repoDir ?? packageRoot());
  const require = createRequire(join(repoDir, "package.json"));
  let tslabDir: string;
  try {
    tslabDir = dirname(require.resolve("tslab/package.json"));
  } catch (error) {
    throw new Error(`tslab is not installed in ${repoDir}: run \`npm ci\` there first.`, { cause: error });
  }
  const jupyterPath = options.user
    ? join(homedir(), ".local", "share", "jupyter")
    : join(repoDir, ".jupyter");
  const kernelDir = join(jupyterPath, "kernels", KERNEL_NAME);
  const kernelJson = join(kernelDir, "kernel.json");
  const spec = {
    argv: [process.execPath, join(tslabDir, "bin", "tslab"), "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (tslab)",
    language: "typescript",
  };
  const text = `${JSON.stringify(spec, null, 2)}\n`;
  if (!existsSync(kernelJson) || readFileSync(kernelJson, "utf8") !== text) {
    mkdirSync(kernelDir, { recursive: true });
    writeFileSync(kernelJson, text);
  }
  return { repoDir, jupyterPath, kernelJson, linked: linkSelf(repoDir) };
}

/** Creates node_modules/<name> → .. when the checkout is the kit itself and the link is missing. */
function linkSelf(repoDir: string): boolean {
  const pkg = JSON.parse(readFileSync(join(repoDir, "package.json"), "utf8")) as { name?: string };
  const link = join(repoDir, "node_modules", pkg.name ?? "");
  if (!pkg.name || !existsSync(join(repoDir, "node_modules"))) return false;
  try {
    lstatSync(link);
    return false; // already there (our link, or a real install: leave it)
  } catch {
    symlinkSync("..", link, "dir");
    return true;
  }
}
