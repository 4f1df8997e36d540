import { main } from "./main.js";
import { printCommandError } from "./print-command-error.js";

// The program behind bin/epm-audit-kit.cjs (which checks the Node version first).

// A reader that stops early (`epm-audit-kit --help | head -3`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = printCommandError("", error, { verbose: process.argv.includes("--verbose") });
  },
);
