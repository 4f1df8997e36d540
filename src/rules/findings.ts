import type pl from "nodejs-polars";
import { toEpochMs } from "../frames/time-window.js";
import { accessChangeRows } from "./access-change-rows.js";
import { changeWindowFindings, privilegedGrantFindings, selfGrantFindings } from "./change-rules.js";
import { DEFAULT_RULES } from "./default-rules.js";
import { type Finding, findingsFrame } from "./finding.js";
import type { FindingsFrames, FindingsOptions } from "./findings-input.js";
import {
  dormantPrivilegedFindings,
  segregationOfDutiesFindings,
  unjudgedDormancySystems,
} from "./rights-rules.js";
import type { Rule } from "./rule.js";
import { deactivatedSignInFindings, failedSignInBurstFindings } from "./sign-in-rules.js";

/**
 * A rule that could not run, and why (so a missing source is never read as "no findings").
 *
 * @example
 * ```ts
 * const skipped: SkippedRule = { ruleId: "deactivated", reason: "no Anaplan users frame" };
 * ```
 */
export interface SkippedRule {
  ruleId: string;
  reason: string;
}

/**
 * What `findings()` returns.
 *
 * @example
 * ```ts
 * const { findings: found, skipped }: FindingsResult = findings(frames, DEFAULT_RULES);
 * ```
 */
export interface FindingsResult {
  /** One row per rule, person and system ({@link FINDINGS_SCHEMA}), most severe first. */
  findings: pl.DataFrame;
  /** Rules that could not run on these frames, with the frames they need. */
  skipped: SkippedRule[];
  /** Rules that ran on incomplete data (rights without one system's), with what was missing. */
  partial: SkippedRule[];
  /** The rules that ran. */
  ran: string[];
}

const NEEDS: Record<Rule["kind"], { frames: Array<keyof FindingsFrames>; any?: boolean }> = {
  "privileged-grant": {
    frames: ["anaplanEvents", "epmRoleAssignmentAudit", "epmGroupAssignmentAudit"],
    any: true,
  },
  "self-grant": { frames: ["anaplanEvents", "epmRoleAssignmentAudit", "epmGroupAssignmentAudit"], any: true },
  "change-window": {
    frames: ["anaplanEvents", "epmRoleAssignmentAudit", "epmGroupAssignmentAudit"],
    any: true,
  },
  "dormant-privileged": { frames: ["rights"] },
  "deactivated-sign-in": { frames: ["anaplanEvents", "anaplanUsers"] },
  "failed-sign-in-burst": { frames: ["anaplanEvents", "epmInvalidLogins"], any: true },
  "segregation-of-duties": { frames: ["rights"] },
};

/**
 * Runs detection rules over the kit's frames and returns the findings: who, which rule, how
 * severe, when first and last seen, and the evidence rows. A rule whose frames are missing, or
 * whose question the data cannot answer (dormancy longer than the window), is listed in
 * `skipped`, never reported as clean; a rule over held rights that ran on rights missing a
 * system (`frames.rightsIncomplete`), or `dormant-privileged` where a system's privileged holders
 * have no sign-in frame to be judged by, is listed in `partial`.
 *
 * @param frames - the frames to read (any subset)
 * @param rules - the rules. @default {@link DEFAULT_RULES}
 * @param options - the review window and "now"
 * @returns findings, skipped rules, rules that ran on incomplete rights, and the rules that ran
 * @example
 * ```ts
 * const { findings: found, skipped } = findings({ anaplanEvents: events, anaplanUsers: users }, DEFAULT_RULES, { window });
 * ```
 */
export function findings(
  frames: FindingsFrames,
  rules: readonly Rule[] = DEFAULT_RULES,
  options: FindingsOptions = {},
): FindingsResult {
  const window = options.window;
  const now = options.now !== undefined ? toEpochMs(options.now) : window ? toEpochMs(window.to) : Date.now();
  let changes: ReturnType<typeof accessChangeRows> | undefined;
  const access = () => (changes ??= accessChangeRows(frames, window));
  const all: Finding[] = [];
  const skipped: SkippedRule[] = [];
  const partial: SkippedRule[] = [];
  const ran: string[] = [];
  for (const rule of rules) {
    const missing = missingFrames(rule, frames);
    if (missing) {
      skipped.push({ ruleId: rule.id, reason: missing });
      continue;
    }
    if (rule.kind === "dormant-privileged" && window) {
      const days = (toEpochMs(window.to) - toEpochMs(window.from)) / 86_400_000;
      if (days < rule.days) {
        skipped.push({
          ruleId: rule.id,
          reason: `the sign-ins cover ${Math.round(days)} days, fewer than the rule's ${rule.days}: no sign-in in them does not prove dormancy (read a longer window from the archive)`,
        });
        continue;
      }
    }
    all.push(...run(rule, frames, access, now, window));
    ran.push(rule.id);
    if (NEEDS[rule.kind].frames.includes("rights") && frames.rightsIncomplete?.length)
      partial.push({
        ruleId: rule.id,
        reason: `ran on incomplete rights: ${frames.rightsIncomplete.join("; ")}`,
      });
    const unjudged = rule.kind === "dormant-privileged" ? unjudgedDormancySystems(frames) : [];
    if (unjudged.length > 0)
      partial.push({
        ruleId: rule.id,
        reason: `could not judge the privileged holders of ${unjudged.join(" and ")}: no sign-ins were read there (${unjudged.map((s) => (s === "anaplan" ? "anaplanEvents" : "epmUserLogins")).join(", ")})`,
      });
  }
  return { findings: findingsFrame(all), skipped, partial, ran };
}

function run(
  rule: Rule,
  frames: FindingsFrames,
  access: () => ReturnType<typeof accessChangeRows>,
  now: number,
  window: FindingsOptions["window"],
): Finding[] {
  switch (rule.kind) {
    case "privileged-grant":
      return privilegedGrantFindings(rule, access());
    case "self-grant":
      return selfGrantFindings(rule, access());
    case "change-window":
      return changeWindowFindings(rule, access());
    case "deactivated-sign-in":
      return deactivatedSignInFindings(rule, frames, window);
    case "failed-sign-in-burst":
      return failedSignInBurstFindings(rule, frames, window);
    case "dormant-privileged":
      return dormantPrivilegedFindings(rule, frames, now);
    case "segregation-of-duties":
      return segregationOfDutiesFindings(rule, frames.rights!);
  }
}

function missingFrames(rule: Rule, frames: FindingsFrames): string | undefined {
  const need = NEEDS[rule.kind];
  const present = need.frames.filter((name) => frames[name] !== undefined);
  if (need.any ? present.length > 0 : present.length === need.frames.length) return undefined;
  const names = need.frames.filter((name) => frames[name] === undefined);
  return need.any ? `needs at least one of ${need.frames.join(", ")}` : `needs ${names.join(", ")}`;
}
