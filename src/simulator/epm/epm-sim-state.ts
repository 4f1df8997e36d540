import type { IncomingMessage, ServerResponse } from "node:http";
import type { EpmReportName } from "../../epm/epm-report-definitions.js";
import { sendJson } from "../respond.js";
import type { SimulatorContext } from "../service.js";
import type { EpmSimDay } from "./epm-sim-day.js";
import type { EpmSimFaults } from "./epm-sim-faults.js";
import type { EpmSimRange } from "./epm-sim-reports.js";
import type { EpmSimTenant } from "./epm-sim-tenant.js";

/** A file in the simulated repository. */
export interface EpmSimFile {
  bytes: Buffer;
  lastModified: number;
}

/** A report job of the simulated EPM. */
export interface EpmSimJob {
  id: number;
  report: EpmReportName;
  /** "v2" (interop jobs URL) or "security" (security v1 jobs URL). */
  family: "v2" | "security";
  fileName: string;
  range: EpmSimRange | undefined;
  polls: number;
  pollsNeeded: number;
  /** Set when the job has finished. */
  outcome?: { status: number; details: string | null };
}

/**
 * Counters for tests.
 *
 * @example
 * ```ts
 * const stats: EpmSimStats = sim.epm.stats;
 * console.log(`${stats.jobsSubmitted} jobs, ${stats.polls} polls`);
 * ```
 */
export interface EpmSimStats {
  jobsSubmitted: number;
  polls: number;
  downloads: number;
  deletes: number;
}

/** The mutable state of the simulated EPM service, shared by its routes (internal). */
export interface EpmSimState {
  context: SimulatorContext;
  tenant: EpmSimTenant;
  faults: EpmSimFaults;
  files: Map<string, EpmSimFile>;
  jobs: Map<number, EpmSimJob>;
  pollsPerJob: number;
  stats: EpmSimStats;
  dayOf(day: number): EpmSimDay;
  /** `${server}/epm`. */
  base(): string;
}

/** Which answer a hostile fault applies to. */
export type EpmSimAnswer = "poll" | "list" | "submit" | "other";

/**
 * Sends an EPM envelope `{details, status, items, links}` with HTTP 200 unless told otherwise,
 * as the faults in force for this kind of answer shape it (text status, HTML page, deep or
 * huge JSON, a cut body).
 */
export function sendEnvelope(
  state: EpmSimState,
  res: ServerResponse,
  status: number,
  details: string | null,
  links: unknown,
  extra: Record<string, unknown> = {},
  http = 200,
  answer: EpmSimAnswer = "other",
): void {
  const faults = state.faults;
  if (answer !== "other" && faults.html200?.includes(answer)) {
    sendHtmlPage(res);
    return;
  }
  const shown = faults.statusAsText ? String(status) : status;
  const body: Record<string, unknown> = { details, status: shown, items: null, links, ...extra };
  let text = JSON.stringify(body);
  if (answer === "poll" && faults.deepJson !== undefined) {
    const depth = faults.deepJson;
    text = text.replace('"details":null', `"details":${"[".repeat(depth)}${"]".repeat(depth)}`);
  }
  const padding = ',"padding":""';
  if (answer === "poll" && faults.hugeJson !== undefined && text.length + padding.length <= faults.hugeJson) {
    // Exactly hugeJson bytes (the envelope is ASCII).
    const fill = "x".repeat(faults.hugeJson - text.length - padding.length);
    text = `${text.slice(0, -1)},"padding":"${fill}"}`;
  }
  if (answer === "poll" && faults.truncated?.includes("poll"))
    text = text.slice(0, Math.floor(text.length / 2));
  sendJson(res, http, text);
}

/** A proxy's or login page's answer: HTTP 200, text/html. */
export function sendHtmlPage(res: ServerResponse): void {
  const page = Buffer.from(
    "<!DOCTYPE html>\n<html><head><title>Oracle Cloud - Sign In</title></head><body><h1>Your session has expired</h1><p>Sign in again.</p></body></html>\n",
  );
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": page.length });
  res.end(page);
}

/** A self link of the request. */
export function selfLink(state: EpmSimState, req: IncomingMessage, path: string, data: unknown = null) {
  return { href: `${state.base()}${path}`, rel: "self", action: req.method ?? "GET", data };
}
