import type { EpmReportName } from "../../epm/epm-report-definitions.js";

/**
 * EPM-specific faults of the simulator, switched with `sim.epm.setFaults({...})` (which replaces
 * the previous set; `setFaults({})` clears them). Transport-level faults (503, 429, resets, slow
 * answers) are on `sim.faults`.
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
}
