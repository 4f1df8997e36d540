import { KitError } from "./kit-error.js";

/**
 * What {@link NotebookError} knows about the failure.
 *
 * @example
 * ```ts
 * const details: NotebookErrorDetails = { notebook: "notebooks/access-review.ipynb", cell: 4 };
 * ```
 */
export interface NotebookErrorDetails {
  /** The notebook file that was run. */
  notebook: string;
  /** 1-based number of the failing code cell among all cells, if one failed. @default undefined */
  cell?: number | undefined;
  /** The failing cell's error output (TypeScript diagnostics or the thrown error). @default undefined */
  output?: string | undefined;
  /** Where the partly executed notebook was written, if it was. @default undefined */
  executed?: string | undefined;
}

/**
 * Running a notebook headless failed: a cell threw or did not type-check (`E_NOTEBOOK`), or
 * Jupyter is not installed (`E_JUPYTER_MISSING`, whose message gives the apt-get command).
 *
 * @example
 * ```ts
 * try { await runNotebook({ notebook: "notebooks/anaplan-audit.ipynb", outDir: "out/reports" }); }
 * catch (error) { if (error instanceof NotebookError) console.error(error.cell, error.output); }
 * //=> 4 "3:7 - Type 'string' is not assignable to type 'number'."
 * ```
 */
export class NotebookError extends KitError {
  override name = "NotebookError";
  /** The notebook file that was run. */
  readonly notebook: string;
  /** 1-based number of the failing cell, if one failed. */
  readonly cell: number | undefined;
  /** The failing cell's error output, if any. */
  readonly output: string | undefined;
  /** The partly executed notebook, if written. */
  readonly executed: string | undefined;

  constructor(
    code: "E_NOTEBOOK" | "E_JUPYTER_MISSING",
    message: string,
    details: NotebookErrorDetails,
    options: { cause?: unknown } = {},
  ) {
    super(code, message, options);
    this.notebook = details.notebook;
    this.cell = details.cell;
    this.output = details.output;
    this.executed = details.executed;
  }
}
