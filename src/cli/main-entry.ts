import { main } from "./main.js";
import { printCommandError } from "./print-command-error.js";

// The program behind bin/epm-audit-kit.cjs (which checks the Node version first).
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = printCommandError("", error, { verbose: process.argv.includes("--verbose") });
  },
);
