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

/** Counters for tests. */
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

/** Sends an EPM envelope `{details, status, items, links}` with HTTP 200 unless told otherwise. */
export function sendEnvelope(
  state: EpmSimState,
  res: ServerResponse,
  status: number,
  details: string | null,
  links: unknown,
  extra: Record<string, unknown> = {},
  http = 200,
): void {
  const shown = state.faults.statusAsText ? String(status) : status;
  sendJson(res, http, { details, status: shown, items: null, links, ...extra });
}

/** A self link of the request. */
export function selfLink(state: EpmSimState, req: IncomingMessage, path: string, data: unknown = null) {
  return { href: `${state.base()}${path}`, rel: "self", action: req.method ?? "GET", data };
}
