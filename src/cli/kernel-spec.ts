import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { KitError } from "../errors/kit-error.js";

/**
 * The kernel name notebooks ask for in `metadata.kernelspec.name`.
 *
 * @example
 * ```ts
 * notebook.metadata.kernelspec.name === KERNEL_NAME //=> true for the kit's notebooks
 * ```
 */
export const KERNEL_NAME = "tslab";

/**
 * The kit's package root (this file is in dist/cli/ or src/cli/): the checkout, or
 * node_modules/epm-audit-kit in a project that installed the kit.
 *
 * @returns the absolute path of the folder holding the kit's package.json
 * @example
 * ```ts
 * join(packageRoot(), "notebooks") //=> "/work/epm-audit-kit/notebooks"
 * ```
 */
export function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/**
 * The kernelspec (`kernel.json`) that starts the tslab kernel the kit depends on, with the Node
 * binary running now (tslab needs Node ≥ 22 here; a `node` found on PATH may be older).
 *
 * @returns the kernelspec object
 * @throws KitError `E_TSLAB_MISSING` when tslab cannot be resolved from the kit
 * @example
 * ```ts
 * tslabKernelSpec().argv[0] === process.execPath //=> true
 * ```
 */
export function tslabKernelSpec(): { argv: string[]; display_name: string; language: string } {
  const require = createRequire(join(packageRoot(), "package.json"));
  let tslabDir: string;
  try {
    tslabDir = dirname(require.resolve("tslab/package.json"));
  } catch (error) {
    throw new KitError(
      "E_TSLAB_MISSING",
      `tslab (the TypeScript kernel) is not installed next to the kit in ${packageRoot()}: reinstall the kit (npm install epm-audit-kit, or npm ci in a checkout).`,
      { cause: error },
    );
  }
  return {
    argv: [process.execPath, join(tslabDir, "bin", "tslab"), "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (tslab)",
    language: "typescript",
  };
}

/**
 * Writes the tslab kernelspec into a Jupyter data folder, as `<dataDir>/kernels/tslab/kernel.json`
 * (left alone when already identical).
 *
 * @param dataDir - a Jupyter data folder (one that Jupyter searches: the user's, `<prefix>/share/jupyter`, or one on JUPYTER_PATH)
 * @returns the kernel.json path
 * @example
 * ```ts
 * writeKernelSpec(join(homedir(), ".local", "share", "jupyter")) //=> "~/.local/share/jupyter/kernels/tslab/kernel.json"
 * ```
 */
export function writeKernelSpec(dataDir: string): string {
  const kernelDir = join(dataDir, "kernels", KERNEL_NAME);
  const kernelJson = join(kernelDir, "kernel.json");
  const text = `${JSON.stringify(tslabKernelSpec(), null, 2)}\n`;
  if (!existsSync(kernelJson) || readFileSync(kernelJson, "utf8") !== text) {
    mkdirSync(kernelDir, { recursive: true });
    writeFileSync(kernelJson, text);
  }
  return kernelJson;
}

/**
 * The current user's Jupyter data folder, as Jupyter itself computes it (`jupyter_core`, which
 * honours JUPYTER_DATA_DIR and the platform's conventions); without a working Python, the
 * Linux default.
 *
 * @param python - the Python with Jupyter
 * @param env - the environment. @default process.env
 * @returns an absolute folder path
 * @example
 * ```ts
 * userJupyterDataDir("/usr/bin/python3") //=> "/home/me/.local/share/jupyter"
 * ```
 */
export function userJupyterDataDir(
  python: string,
  env: Record<string, string | undefined> = process.env,
): string {
  const probe = spawnSync(
    python,
    ["-c", "from jupyter_core.paths import jupyter_data_dir; print(jupyter_data_dir())"],
    { env: env as NodeJS.ProcessEnv, encoding: "utf8" },
  );
  const dir = probe.status === 0 ? probe.stdout.trim() : "";
  if (dir) return resolve(dir);
  if (env.JUPYTER_DATA_DIR) return resolve(env.JUPYTER_DATA_DIR);
  const data = env.XDG_DATA_HOME || join(homedir(), ".local", "share");
  return join(data, "jupyter");
}
