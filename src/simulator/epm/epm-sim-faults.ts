import type { EpmReportName } from "../../epm/epm-report-definitions.js";
import type { EpmSimZipKind } from "./epm-sim-zip.js";

/**
 * EPM-specific faults of the simulator, switched with `sim.epm.setFaults({...})` (which replaces
 * the previous set; `setFaults({})` clears them). Transport-level faults (503, 429, resets, slow
 * answers) are on `sim.faults`.
 *
 * @example
 * ```ts
 * sim.epm.setFaults({ slowJobs: 3, jobFailure: { status: 1, reports: ["userLogins"] } } satisfies EpmSimFaults);
 * ```
 */
export interface EpmSimFaults {
  /**
   * Report jobs fail when they finish: HTTP 200 with `status` > 0 and `details`. Only the
   * listed reports when `reports` is given.
   * @default undefined (jobs succeed)
   */
  jobFailure?: { status?: number; details?: string; reports?: EpmReportName[] };
  /** Downloads answer HTTP 200, `application/json`, `{status: 8, details: "Not a valid file."}` (or the given ones). @default undefined */
  downloadError?: boolean | { status?: number; details?: string };
  /** Every CSV starts with a UTF-8 BOM and a quoted application-id line (the User Login report always does). @default false */
  bomAndPreamble?: boolean;
  /** Downloads come as a zip holding the CSV (`fileExtension: zip`). @default false */
  zip?: boolean;
  /** Jobs answer status -1 to this many polls before they finish. @default the simulator's pollsPerJob */
  slowJobs?: number;
  /** Every EPM request is refused with 401. @default false */
  unauthorized?: boolean;
  /** "Job Status" links point to this origin (e.g. another server, or https://) instead of the simulator. @default undefined */
  jobStatusOrigin?: string;
  /** `status` is sent as text ("-1", "0", "1"), as some EPM responses do. @default false */
  statusAsText?: boolean;
  /** Jobs answer status -1 to every poll, forever. @default false */
  jobNeverEnds?: boolean;

  // Hostile mode: answers a broken or malicious pod (or something in between) could give.

  /**
   * Downloads come as a zip of this shape (implies `zip`): `csv` the report alone; `twoCsv`,
   * `csvAndText`, `nonCsv` the wrong entries; `bomb` a CSV entry of `zipBombBytes` zero bytes
   * (~6.8 MB compressed for 1 GiB, sizes declared honestly); `lyingSize` the same bomb whose
   * directory and local header claim the report's size. @default undefined
   */
  zipContent?: EpmSimZipKind;
  /** Inflated size of the `bomb` and `lyingSize` zips. @default 1073741824 (1 GiB) */
  zipBombBytes?: number;
  /** Report CSVs get one more column with this header (and a value in every row). @default undefined */
  csvExtraColumn?: string;
  /** Report CSVs lose the column with this header (and its cells). @default undefined */
  csvMissingColumn?: string;
  /**
   * Data row `row` (1 = first data row) of every report CSV has `cells` cells instead of the
   * header's count: cut short, or lengthened with `x` cells. @default undefined
   */
  csvRaggedRow?: { row: number; cells: number };
  /** Job status answers carry a `details` value nested this many arrays deep. @default undefined */
  deepJson?: number;
  /** Job status answers are padded to exactly this many bytes (a `padding` field). @default undefined */
  hugeJson?: number;
  /**
   * These answers are an HTML error page with HTTP 200 and `text/html` (as a proxy or a login
   * page would send): `poll` job status, `download` file contents, `list` file listing,
   * `submit` job submission. @default undefined
   */
  html200?: ReadonlyArray<"poll" | "download" | "list" | "submit">;
  /**
   * These answers are cut to half their body, with a Content-Length that matches the cut (a
   * complete HTTP response whose content is not): `poll` job status, `download` file
   * contents. @default undefined
   */
  truncated?: ReadonlyArray<"poll" | "download">;
}
