import { join, resolve } from "node:path";
import { userJupyterDataDir, writeKernelSpec } from "./kernel-spec.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { printCommandError } from "./print-command-error.js";
import { jupyterPython } from "./run-notebook.js";
import { TIME_RULE_HELP } from "./time-rule-help.js";
import { UsageError } from "./usage-error.js";

/** `epm-audit-kit kernel --help`. */
export const KERNEL_HELP = `epm-audit-kit kernel [--prefix DIR]

Registers the tslab TypeScript kernel ("tslab") once, so Jupyter (notebook, lab, VS Code) can
open notebooks that import the kit by name — in any folder of a project that installed
epm-audit-kit. The kernel starts with this Node (${process.version}) and the kit's own tslab.
Run it again after moving or upgrading Node. \`epm-audit-kit report\` does not need it.

  (default)     for the current user, in Jupyter's user data folder (jupyter --data-dir)
  --prefix DIR  into DIR/share/jupyter/kernels/tslab instead (like jupyter kernelspec
                install --prefix; for a virtualenv or conda prefix)
  --verbose     print the stack trace of an unexpected error
  -h, --help    this text

${TIME_RULE_HELP}`;

/**
 * `epm-audit-kit kernel`: registers the tslab kernel for the user (or under a prefix).
 *
 * @param argv - command-line arguments after `kernel`
 * @param env - the environment (JUPYTER_DATA_DIR, KIT_PYTHON). @default process.env
 * @param print - where lines go. @default stdout
 * @returns the exit code: 0 registered, 2 bad usage
 * @example
 * ```ts
 * process.exitCode = kernel(["--prefix", "/opt/venv"]);
 * ```
 */
export function kernel(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): number {
  try {
    const args = parseCommandArgs(argv, { prefix: { type: "string" } });
    if (args.help) {
      print(KERNEL_HELP);
      return 0;
    }
    const prefix = args.values.prefix as string | undefined;
    if (prefix === "") throw new UsageError("--prefix takes a folder, got an empty value.");
    const dataDir = prefix
      ? join(resolve(prefix), "share", "jupyter")
      : userJupyterDataDir(jupyterPython(env), env);
    const kernelJson = writeKernelSpec(dataDir);
    print(`Registered the "tslab" TypeScript kernel (Node ${process.version}) in ${kernelJson}.`);
    print('Open a notebook in Jupyter and pick "TypeScript (tslab)"; import the kit with');
    print('  import { openAuditRun, show } from "epm-audit-kit";');
    print("Or run notebooks headless into HTML: epm-audit-kit report all (or a path to an .ipynb).");
    return 0;
  } catch (error) {
    return printCommandError("kernel", error, { verbose: argv.includes("--verbose") });
  }
}
