import type { IncomingMessage, ServerResponse } from "node:http";
import type { EpmReportName } from "../../epm/epm-report-definitions.js";
import { readBody, sendJson } from "../respond.js";
import { writeEpmSimCsv } from "./epm-sim-csv.js";
import { buildEpmSimReport, type EpmSimRange } from "./epm-sim-reports.js";
import { type EpmSimJob, type EpmSimState, selfLink, sendEnvelope } from "./epm-sim-state.js";

/** The simulated pod's retention windows (the server's own checks): role audit and invalid logins extended to 90 days in its Identity Console. */
export const EPM_SIM_RETENTION_DAYS: Readonly<Partial<Record<EpmReportName, number>>> = {
  groupAssignmentAudit: 120,
  roleAssignmentAudit: 90,
  invalidLogins: 90,
  userLogins: 120,
};
const TITLES: Record<EpmReportName, string> = {
  groupAssignmentAudit: "Group Assignment Audit Report",
  roleAssignmentAudit: "Role Assignment Audit Report",
  invalidLogins: "Invalid Login Report",
  userLogins: "User Login Report",
  roleAssignments: "Role Assignment Report",
  userGroups: "User Group Report",
};
/** Async report endpoints: path → report, and whether it is a v2 JSON job. */
export const EPM_SIM_JOB_PATHS: Record<string, { report: EpmReportName; json: boolean }> = {
  "/interop/rest/v2/reports/groupaudit": { report: "groupAssignmentAudit", json: true },
  "/interop/rest/security/v1/roleassignmentauditreport": { report: "roleAssignmentAudit", json: false },
  "/interop/rest/security/v1/invalidloginreport": { report: "invalidLogins", json: false },
  "/interop/rest/security/v1/roleassignmentreport": { report: "roleAssignments", json: false },
  "/interop/rest/security/v1/usergroupreport": { report: "userGroups", json: false },
};
const DAY_MS = 86_400_000;

/** POST of an async report: checks the body encoding and parameters, starts a job. */
export async function submitReportJob(
  state: EpmSimState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const route = EPM_SIM_JOB_PATHS[path]!;
  const type = String(req.headers["content-type"] ?? "");
  const wanted = route.json ? "application/json" : "application/x-www-form-urlencoded";
  const text = (await readBody(req)).toString("utf8");
  if (!type.toLowerCase().startsWith(wanted)) {
    sendJson(res, 415, { status: 1, details: `Unsupported Media Type: send ${wanted}`, links: [] });
    return;
  }
  let params: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = route.json ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      params = parsed as Record<string, unknown>;
  } catch (error) {
    // JSON.parse throws a SyntaxError for a body that is not JSON: EPM answers 400.
    if (!(error instanceof SyntaxError)) throw error;
  }
  if (params === undefined) {
    sendEnvelope(state, res, 1, "Invalid JSON payload.", [selfLink(state, req, path)], {}, 400);
    return;
  }
  // The key spelling of the group audit is unverified live: accept both.
  const fileName = String(params.fileName ?? params.filename ?? "").trim();
  const checked = checkParameters(state, route.report, fileName, params.from_date, params.to_date);
  if (typeof checked === "string") {
    sendEnvelope(state, res, 1, `Failed to generate ${TITLES[route.report]}. ${checked}`, [
      selfLink(state, req, path),
    ]);
    return;
  }
  const id = 1000 + state.jobs.size + 1;
  const family = route.json ? "v2" : "security";
  const job: EpmSimJob = {
    id,
    report: route.report,
    family,
    fileName,
    range: checked,
    polls: 0,
    pollsNeeded: state.faults.slowJobs ?? state.pollsPerJob,
  };
  state.jobs.set(id, job);
  state.stats.jobsSubmitted++;
  const statusBase = state.faults.jobStatusOrigin ? `${state.faults.jobStatusOrigin}/epm` : state.base();
  const data = route.json ? null : { jobType: `GENERATE_${route.report.toUpperCase()}`, filename: fileName };
  sendEnvelope(
    state,
    res,
    -1,
    null,
    [
      selfLink(state, req, path, data),
      { href: `${statusBase}${jobPath(job)}`, rel: "Job Status", action: "GET", data: null },
    ],
    {},
    200,
    "submit",
  );
}

/** GET of a job's status: -1 until it has been polled enough, then its outcome. */
export function pollJob(state: EpmSimState, req: IncomingMessage, res: ServerResponse, path: string): void {
  const match = /^\/interop\/rest\/(v2|security\/v1)\/jobs\/(\d+)$/.exec(path);
  const job = match ? state.jobs.get(Number(match[2])) : undefined;
  if (!job || (match![1] === "v2") !== (job.family === "v2")) {
    sendJson(res, 404, { status: 1, details: `No job at ${path}`, links: [] });
    return;
  }
  state.stats.polls++;
  job.polls++;
  if (!job.outcome && !state.faults.jobNeverEnds && job.polls >= job.pollsNeeded) {
    job.outcome = finish(state, job);
  }
  const self = [selfLink(state, req, jobPath(job))];
  if (!job.outcome) sendEnvelope(state, res, -1, null, self, {}, 200, "poll");
  else sendEnvelope(state, res, job.outcome.status, job.outcome.details, self, {}, 200, "poll");
}

/** GET of the synchronous User Login report: with `report_name`, writes the CSV to inbox/. */
export function userLoginReport(state: EpmSimState, res: ServerResponse, url: URL): void {
  const q = url.searchParams;
  const today = new Date(state.context.clock.now()).toISOString().slice(0, 10);
  const name = (q.get("report_name") ?? "").trim();
  const link = { href: `${state.base()}/interop/rest/security/v1/report/userloginreport`, action: "GET" };
  const checked = checkParameters(
    state,
    "userLogins",
    name || "-",
    q.get("from_date") ?? today,
    q.get("to_date") ?? today,
  );
  const stored = `inbox/${name}`;
  const problem =
    typeof checked === "string"
      ? `Failed to generate ${TITLES.userLogins}. ${checked}`
      : !name
        ? "The simulator only writes the CSV form of this report: pass report_name."
        : state.files.has(stored)
          ? alreadyExists("userLogins", name)
          : undefined;
  if (problem !== undefined || typeof checked === "string") {
    const error = { errorcode: "EPMCSS-20644", errormessage: problem };
    sendEnvelope(state, res, 1, null, link, { error });
    return;
  }
  state.files.set(stored, {
    bytes: reportFile(state, "userLogins", checked),
    lastModified: state.context.clock.now(),
  });
  sendEnvelope(state, res, 0, `Report ${stored} generated.`, link, { error: null });
}

function jobPath(job: EpmSimJob): string {
  return job.family === "v2" ? `/interop/rest/v2/jobs/${job.id}` : `/interop/rest/security/v1/jobs/${job.id}`;
}

function finish(state: EpmSimState, job: EpmSimJob): { status: number; details: string | null } {
  const failure = state.faults.jobFailure;
  if (failure && (!failure.reports || failure.reports.includes(job.report))) {
    return {
      status: failure.status ?? 1,
      details:
        failure.details ??
        `Failed to generate ${TITLES[job.report]}. EPMCSS-00301: Internal error while running the report.`,
    };
  }
  if (state.files.has(job.fileName)) return { status: 1, details: alreadyExists(job.report, job.fileName) };
  state.files.set(job.fileName, {
    bytes: reportFile(state, job.report, job.range),
    lastModified: state.context.clock.now(),
  });
  return { status: 0, details: null };
}

function alreadyExists(report: EpmReportName, name: string): string {
  return `Failed to generate ${TITLES[report]}. File ${name} already exists. Please provide different file name.`;
}

function reportFile(state: EpmSimState, report: EpmReportName, range: EpmSimRange | undefined): Buffer {
  const now = state.context.clock.now();
  const table = buildEpmSimReport(state.tenant, state.dayOf, report, range, now);
  const preamble =
    report === "userLogins" || state.faults.bomAndPreamble ? state.tenant.applicationId : undefined;
  const faults = state.faults;
  const damage = {
    ...(faults.csvExtraColumn === undefined ? {} : { extraColumn: faults.csvExtraColumn }),
    ...(faults.csvMissingColumn === undefined ? {} : { missingColumn: faults.csvMissingColumn }),
    ...(faults.csvRaggedRow === undefined ? {} : { raggedRow: faults.csvRaggedRow }),
  };
  return Buffer.from(writeEpmSimCsv(table.columns, table.rows, preamble, damage), "utf8");
}

/** Returns the range, or the reason EPM would refuse the parameters. */
function checkParameters(
  state: EpmSimState,
  report: EpmReportName,
  fileName: string,
  from: unknown,
  to: unknown,
): EpmSimRange | undefined | string {
  if (!fileName) return "The file name is missing.";
  const retention = EPM_SIM_RETENTION_DAYS[report];
  if (retention === undefined) return undefined;
  const day = (v: unknown) =>
    typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : NaN;
  const f = day(from);
  const t = day(to);
  if (Number.isNaN(f) || Number.isNaN(t)) return "Dates must be in the format YYYY-MM-DD.";
  if (f > t) return "The to-date must not be before the from-date.";
  const today = Math.floor(state.context.clock.now() / DAY_MS) * DAY_MS;
  if (f < today - retention * DAY_MS) return `The from-date must be within the last ${retention} days.`;
  if (t - f > retention * DAY_MS) return `The date range must not exceed ${retention} days.`;
  return { from: String(from), to: String(to) };
}
