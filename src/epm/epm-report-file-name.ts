import { randomBytes } from "node:crypto";
import type { ResolvedEpmDateRange } from "./epm-date-range.js";

/**
 * A name for a report's output file that no earlier run used, so a rerun never fails with
 * "File … already exists": report, range, the time of the call and 8 random hex characters.
 *
 * @param prefix - the report's file prefix
 * @param range - the report's days, if it takes a range
 * @param now - the current time in epoch ms
 * @param random - 8 hex characters @default from node:crypto
 * @returns e.g. `GroupAssignmentAudit_20260101-20260131_20260201T101500Z_3fa9c1d2.csv`
 * @example
 * ```ts
 * epmReportFileName("UserGroup", undefined, Date.parse("2026-02-01T10:15:00Z"), "00ff00ff")
 * //=> "UserGroup_20260201T101500Z_00ff00ff.csv"
 * ```
 */
export function epmReportFileName(
  prefix: string,
  range: ResolvedEpmDateRange | undefined,
  now: number,
  random: string = randomBytes(4).toString("hex"),
): string {
  const stamp = new Date(now)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const days = range ? `_${range.from.replace(/-/g, "")}-${range.to.replace(/-/g, "")}` : "";
  return `${prefix}${days}_${stamp}_${random}.csv`;
}
