#!/usr/bin/env node
import { parseArgs } from "node:util";
import { installKernel } from "./kernel-spec.js";
import { runIfMain } from "./run-if-main.js";

const HELP = `npm run kernel [-- --user]

Registers the tslab TypeScript kernel ("tslab") for this checkout, started with this Node, and
links node_modules/epm-audit-kit to the checkout so notebooks import the kit by its name.

  (default)  into .jupyter/ in the checkout: start Jupyter with JUPYTER_PATH=$PWD/.jupyter
  --user     into ~/.local/share/jupyter, so any Jupyter of this user finds it
`;

/**
 * `npm run kernel`: registers the tslab kernel for this checkout.
 *
 * @param argv - command-line arguments
 * @returns the exit code
 * @example
 * ```ts
 * process.exitCode = kernel(["--user"]);
 * ```
 */
export function kernel(argv: string[]): number {
  let values: { user: boolean; help: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: {
        user: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values as typeof values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const setup = installKernel({ user: values.user });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Registered the "tslab" TypeScript kernel (Node ${process.version}) in ${setup.kernelJson}.`);
  if (setup.linked)
    out("Linked node_modules/epm-audit-kit to this checkout (notebooks import the kit by name).");
  out(
    "Notebooks import the built kit (dist/): after changing src/, run npm run build and restart the kernel.",
  );
  out(
    values.user
      ? "Open the notebooks with: jupyter notebook notebooks/"
      : `Open the notebooks with: JUPYTER_PATH=${setup.jupyterPath} jupyter notebook notebooks/`,
  );
  out("Or run them headless into HTML: npm run report -- all");
  return 0;
}

runIfMain(import.meta.url, "kernel", async (argv) => kernel(argv));
