import { readFileSync } from "node:fs";
import pl from "nodejs-polars";
import { ArchiveError } from "../archive/archive-error.js";
import { note } from "../display/note.js";
import { show } from "../display/show.js";
import type { EpmReportName } from "../epm/epm-report-definitions.js";
import { accessRights } from "../rules/access-rights.js";
import { anaplanRights } from "../rules/anaplan-rights.js";
import { DEFAULT_RULES } from "../rules/default-rules.js";
import { findings } from "../rules/findings.js";
import type { FindingsFrames } from "../rules/findings-input.js";
import { readRules } from "../rules/read-rules.js";
import type { Rule } from "../rules/rule.js";
import type { AuditRun } from "./audit-run-type.js";
import type { RunFindingsOptions, RunFindingsResult } from "./run-findings-types.js";

export type { RunFindingsOptions, RunFindingsResult } from "./run-findings-types.js";

/** The EPM audit reports the rules read. */
const EPM_AUDITS = ["roleAssignmentAudit", "groupAssignmentAudit", "invalidLogins"] as const;
/** Source keys the findings read (for the completeness check). */
const SOURCE_KEYS = new Set<string>(["anaplanEvents", "anaplanUsers", ...EPM_AUDITS]);
/** Rule kinds that read the rights frame (who holds what now). */
const RIGHTS_KINDS = new Set<Rule["kind"]>(["segregation-of-duties", "dormant-privileged"]);

/**
 * The rules a report uses: the rule file named by `KIT_RULES` (set by `report --rules FILE`),
 * else {@link DEFAULT_RULES}.
 *
 * @param env - the environment. @default process.env
 * @returns the rules
 * @throws {@link ValidationError} naming the file and line of a bad rule
 * @example
 * ```ts
 * rulesFromEnv({ KIT_RULES: "rules.yaml" }).map((r) => r.id)
 * ```
 */
export function rulesFromEnv(env: Record<string, string | undefined> = process.env): readonly Rule[] {
  const file = env.KIT_RULES?.trim();
  return file ? readRules(readFileSync(file, "utf8"), file) : DEFAULT_RULES;
}

/**
 * Runs the detection rules over what a report run reads for its window: Anaplan audit events and
 * users (when Anaplan is configured or the run reads an archive), and the EPM Role and Group
 * Assignment Audit and Invalid Login reports (when EPM is). When a rule reads held rights
 * (segregation of duties, dormant privileged), also the rights frame: EPM roles and groups (Role
 * Assignment and User Group reports, plus User Login for dormancy) and the Anaplan rights of the
 * latest entitlement snapshot (`run.entitlementSnapshots()`); a system whose rights could not be
 * read makes those rules `partial`. The run's reads are its own, so the provenance block records
 * them; a source that does not cover the window is listed in `incomplete`, and rules without
 * their data in `skipped`.
 *
 * @param run - the report run (`openAuditRun`)
 * @param options - the rules
 * @returns the findings, the rules used, skipped rules and incomplete sources
 * @example
 * ```ts
 * const { findings: found } = await runFindings(run);
 * ```
 */
export async function runFindings(
  run: Omit<AuditRun, "showFindings">,
  options: RunFindingsOptions = {},
): Promise<RunFindingsResult> {
  const rules = options.rules ?? rulesFromEnv();
  const frames: FindingsFrames = {};
  const notRead: string[] = [];
  if (run.anaplan || run.source === "archive") {
    try {
      frames.anaplanEvents = await run.anaplanEvents();
    } catch (error) {
      // A year of archived events does not fit in memory whole: the event rules are listed as
      // not run (never as clean), and the report says why.
      if (!(error instanceof ArchiveError && error.code === "E_ARCHIVE_TOO_LARGE")) throw error;
      notRead.push(`Anaplan audit events: not read for the rules (${error.message})`);
    }
    frames.anaplanUsers = await run.anaplanUsers();
  }
  if (run.epm || run.source === "archive") {
    const epm: Record<(typeof EPM_AUDITS)[number], pl.DataFrame> = await run.epmReports(EPM_AUDITS);
    frames.epmRoleAssignmentAudit = epm.roleAssignmentAudit;
    frames.epmGroupAssignmentAudit = epm.groupAssignmentAudit;
    frames.epmInvalidLogins = epm.invalidLogins;
  }
  if (rules.some((r) => RIGHTS_KINDS.has(r.kind))) Object.assign(frames, await runRights(run, rules));
  const result = findings(frames, rules, { window: run.parameters.window });
  const incomplete = run
    .provenance()
    .sources.filter((s) => SOURCE_KEYS.has(s.key) && s.status !== "complete" && s.status !== "snapshot")
    .map((s) => `${s.label}: ${s.status}${s.reason ? ` (${s.reason})` : ""}`);
  return { ...result, rules, incomplete: [...notRead, ...incomplete] };
}

/** The rights frame of a run, the EPM sign-ins dormancy needs, and which system's rights are missing. */
async function runRights(
  run: Omit<AuditRun, "showFindings">,
  rules: readonly Rule[],
): Promise<Pick<FindingsFrames, "rights" | "rightsIncomplete" | "epmUserLogins" | "epmAccounts">> {
  const incomplete: string[] = [];
  const out: Pick<FindingsFrames, "rights" | "rightsIncomplete" | "epmUserLogins" | "epmAccounts"> = {};
  let epm: Partial<Record<"roleAssignments" | "userGroups" | "userLogins", pl.DataFrame>> = {};
  if (run.epm || run.source === "archive") {
    const dormancy = rules.some((r) => r.kind === "dormant-privileged");
    epm = await run.epmReports(
      dormancy
        ? (["roleAssignments", "userGroups", "userLogins"] as const)
        : (["roleAssignments", "userGroups"] as const),
    );
    if (epm.userLogins) out.epmUserLogins = epm.userLogins;
    out.epmAccounts = epm.roleAssignments;
    if (epm.roleAssignments?.height === 0) incomplete.push("no Oracle EPM role assignments were read");
  } else incomplete.push("Oracle EPM is not configured: no EPM roles");
  let extra: pl.DataFrame | undefined;
  if (run.anaplan || run.source === "archive") {
    const snapshots = await run.entitlementSnapshots();
    const day = snapshots.days.anaplan.at(-1);
    if (day) extra = anaplanRights(snapshots.anaplan.filter(pl.col("snapshot").eq(pl.lit(day))));
    else {
      const why = snapshots.incomplete.filter((line) => line.startsWith("Anaplan"));
      incomplete.push(
        `no Anaplan entitlement snapshot${why.length > 0 ? ` (${why.join("; ")})` : ""}: no Anaplan rights`,
      );
    }
  } else incomplete.push("Anaplan is not configured: no Anaplan rights");
  out.rights = accessRights({
    epmRoleAssignments: epm.roleAssignments,
    epmUserGroups: epm.userGroups,
    extra,
  });
  if (incomplete.length > 0) out.rightsIncomplete = incomplete;
  return out;
}

/**
 * Shows the findings section of a report: an INCOMPLETE warning when a source does not cover
 * the window, the rules that could not run, then the findings most severe first (or an explicit
 * "no findings" line), and saves them as `findings.csv` (without the evidence column) into the
 * run's output folder, beside the HTML.
 *
 * @param run - the report run
 * @param options - the rules
 * @returns the findings, as {@link runFindings}
 * @example
 * ```ts
 * const found = await showRunFindings(run);
 * ```
 */
export async function showRunFindings(
  run: Omit<AuditRun, "showFindings">,
  options: RunFindingsOptions = {},
): Promise<RunFindingsResult> {
  const result = await runFindings(run, options);
  const window = run.parameters.description;
  if (result.incomplete.length > 0)
    note(
      `INCOMPLETE: these findings rest on data that does not cover the whole window: ${result.incomplete.join("; ")}. No finding on the missing days does not mean nothing happened.`,
      { tone: "warn" },
    );
  if (result.skipped.length > 0)
    note(
      `Not run on this report's data: ${result.skipped.map((s) => `${s.ruleId} (${s.reason})`).join("; ")}.`,
      { tone: "warn" },
    );
  if (result.partial.length > 0)
    note(
      `INCOMPLETE: ${result.partial.map((s) => `${s.ruleId} ${s.reason}`).join("; ")}. No finding from them does not mean no conflict.`,
      { tone: "warn" },
    );
  if (result.findings.height === 0)
    note(`No findings in ${window}: rules run: ${result.ran.join(", ") || "none"}.`, { tone: "ok" });
  else
    show(
      result.findings.select(
        "severity",
        "ruleId",
        "person",
        "system",
        "firstSeen",
        "lastSeen",
        "count",
        "summary",
      ),
      { title: `Findings in ${window}, most severe first`, rows: 50 },
    );
  run.save({ findings: result.findings.drop("evidence") });
  return result;
}

/**
 * Adds `showFindings()` to a run, and makes its reads happen once (a report's findings section
 * and its later sections share the frames and entitlement snapshots, and the provenance records
 * each read once).
 *
 * @param run - a run without `showFindings`
 * @param env - the environment, for KIT_RULES
 * @returns the run with `showFindings`
 * @example
 * ```ts
 * const run = withFindings(liveRun(sources), process.env);
 * ```
 */
export function withFindings(
  run: Omit<AuditRun, "showFindings">,
  env: Record<string, string | undefined> = process.env,
): AuditRun {
  const memo = new Map<string, Promise<pl.DataFrame>>();
  const once = (key: string, read: () => Promise<pl.DataFrame>) => {
    let promise = memo.get(key);
    if (!promise) {
      promise = read();
      memo.set(key, promise);
      promise.catch(() => memo.delete(key));
    }
    return promise;
  };
  let snapshots: ReturnType<AuditRun["entitlementSnapshots"]> | undefined;
  const shared: AuditRun = {
    ...run,
    entitlementSnapshots: () => {
      if (!snapshots) {
        snapshots = run.entitlementSnapshots();
        snapshots.catch(() => {
          snapshots = undefined;
        });
      }
      return snapshots;
    },
    anaplanEvents: () => once("anaplanEvents", () => run.anaplanEvents()),
    anaplanUsers: () => once("anaplanUsers", () => run.anaplanUsers()),
    epmReports: <N extends EpmReportName>(names: readonly N[]) => {
      const missing = names.filter((n) => !memo.has(n));
      if (missing.length > 0) {
        const read = run.epmReports(missing);
        for (const n of missing) once(n, () => read.then((r) => r[n]));
      }
      return Promise.all(names.map(async (n) => [n, await memo.get(n)!] as const)).then(
        (pairs) => Object.fromEntries(pairs) as Record<N, pl.DataFrame>,
      );
    },
    showFindings: (options = {}) => showRunFindings(shared, { rules: options.rules ?? rulesFromEnv(env) }),
  };
  return shared;
}
