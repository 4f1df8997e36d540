import type { FindingsResult } from "../rules/findings.js";
import type { Rule } from "../rules/rule.js";

// The types of the run's findings live apart from runFindings, so that the AuditRun type can name
// them without importing the module that imports AuditRun (no import cycle).

/**
 * Options of `runFindings` and `run.showFindings()`.
 *
 * @example
 * ```ts
 * const options: RunFindingsOptions = { rules: DEFAULT_RULES.filter((r) => r.severity === "critical") };
 * ```
 */
export interface RunFindingsOptions {
  /** The rules. @default the file named by KIT_RULES (`report --rules FILE`), else the built-in rules */
  rules?: readonly Rule[] | undefined;
}

/**
 * What `runFindings` returns: the findings over the run's window and what they rest on.
 *
 * @example
 * ```ts
 * const { findings: found, incomplete }: RunFindingsResult = await runFindings(run);
 * ```
 */
export interface RunFindingsResult extends FindingsResult {
  /** The rules used. */
  rules: readonly Rule[];
  /** Sources read that do not cover the whole window (partial, missing, failed), in words. */
  incomplete: string[];
}
