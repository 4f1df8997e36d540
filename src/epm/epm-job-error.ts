import { KitError } from "../errors/kit-error.js";

/**
 * Details carried by an {@link EpmJobError}.
 *
 * @example
 * ```ts
 * const details: EpmJobErrorDetails = { operation: "roleAssignmentAudit", status: 1, details: "Insufficient privileges", url: "https://epm.example.oraclecloud.com/interop/rest/v1/jobs/42" };
 * ```
 */
export interface EpmJobErrorDetails {
  /** What failed, e.g. "Group Assignment Audit job" or `download of "x.csv"`. */
  operation: string;
  /** EPM's own status: a positive number (1 failed, 8 invalid file, …). */
  status: number;
  /** EPM's `details` text, redacted; undefined when it gave none. */
  details: string | undefined;
  /** The URL that answered, redacted. */
  url: string;
  /** Advice appended to the message. @default a generic hint */
  hint?: string;
}

/**
 * An EPM operation answered HTTP 200 but reported failure in its body (`status` > 0 with a
 * `details` text): a report job that failed, a file that already exists, a download of a file
 * that is not there. Code `E_EPM_JOB`.
 *
 * @example
 * ```ts
 * err.message
 * //=> 'Oracle EPM Group Assignment Audit job failed with status 1: File x.csv already exists. … '
 * err.details //=> "File x.csv already exists. Please provide different file name."
 * ```
 */
export class EpmJobError extends KitError {
  override name = "EpmJobError";
  readonly operation: string;
  /** EPM's status code (> 0). */
  readonly status: number;
  /** EPM's details text, if any. */
  readonly details: string | undefined;
  readonly url: string;

  constructor(info: EpmJobErrorDetails, options: { cause?: unknown } = {}) {
    const hint = info.hint ?? "See the details; the job also shows in the EPM Jobs console";
    super(
      "E_EPM_JOB",
      `Oracle EPM ${info.operation} failed with status ${info.status}: ${info.details ?? "(no details given)"}. ${hint}. (${info.url})`,
      options,
    );
    this.operation = info.operation;
    this.status = info.status;
    this.details = info.details;
    this.url = info.url;
  }
}
