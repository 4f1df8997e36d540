import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";

/**
 * Runs a command's entry function when its module is the script Node was started with (not when
 * it is imported, e.g. by a test), and sets the exit code from its result.
 *
 * @param moduleUrl - `import.meta.url` of the command's module
 * @param name - the command's name, for the message of an unexpected failure
 * @param main - takes the arguments after the script, resolves to the exit code
 * @returns nothing; the exit code is set when `main` settles
 * @example
 * ```ts
 * runIfMain(import.meta.url, "sync", (argv) => sync(argv));
 * ```
 */
export function runIfMain(moduleUrl: string, name: string, main: (argv: string[]) => Promise<number>): void {
  const script = process.argv[1];
  if (!script) return;
  try {
    if (moduleUrl !== pathToFileURL(realpathSync(script)).href) return;
  } catch {
    return;
  }
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
