import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NotebookError } from "../errors/notebook-error.js";
import { ValidationError } from "../errors/validation-error.js";
import { printCommandError } from "./print-command-error.js";
import { UsageError } from "./usage-error.js";

function capture(command: string, error: unknown, verbose = false) {
  let text = "";
  const code = printCommandError(command, error, { verbose, write: (t) => (text += t) });
  return { code, text };
}

describe("printCommandError", () => {
  it("a usage mistake: one line with a pointer to --help, exit 2", () => {
    assert.deepEqual(capture("report", new UsageError("Give both --from and --to.")), {
      code: 2,
      text: "epm-audit-kit report: Give both --from and --to. (see epm-audit-kit report --help)\n",
    });
  });

  it("a kit error: its message folded into one line, no code name, no stack", () => {
    const error = new NotebookError("E_NOTEBOOK", "x.ipynb: cell 2 failed:\n  1:7 - bad\n\nkept at y", {
      notebook: "x.ipynb",
    });
    assert.deepEqual(capture("report", error), {
      code: 1,
      text: "epm-audit-kit report: x.ipynb: cell 2 failed: | 1:7 - bad | kept at y\n",
    });
    assert.equal(capture("demo", new ValidationError("Set EPM_URL.")).code, 2);
  });

  it("an unexpected error: one line and a hint; --verbose adds the stack trace", () => {
    const error = new TypeError("boom");
    assert.deepEqual(capture("", error), {
      code: 1,
      text: "epm-audit-kit: boom (rerun with --verbose for details)\n",
    });
    const verbose = capture("sync", error, true);
    assert.equal(verbose.text, `epm-audit-kit sync: boom\n${error.stack}\n`);
  });
});
