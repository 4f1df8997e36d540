import type { IncomingMessage, ServerResponse } from "node:http";
import type { EpmReportName } from "../../epm/epm-report-definitions.js";
import { plantedEpmRows, withPlanted } from "../planted-violations.js";
import { sendJson } from "../respond.js";
import type { SimulatedApi, SimulatorContext } from "../service.js";
import type { EpmSimRow } from "./epm-sim-csv.js";
import { type EpmSimDay, epmSimDay } from "./epm-sim-day.js";
import {
  EpmEntitlementHistory,
  type EpmPlantedChange,
  type EpmTruthChange,
  type EpmTruthEvent,
} from "./epm-sim-entitlement-history.js";
import type { EpmSimFaults } from "./epm-sim-faults.js";
import { fileRoute, listFiles } from "./epm-sim-file-routes.js";
import {
  EPM_SIM_JOB_PATHS,
  EPM_SIM_RETENTION_DAYS,
  pollJob,
  submitReportJob,
  userLoginReport,
} from "./epm-sim-report-routes.js";
import { buildEpmSimReport, type EpmSimRange } from "./epm-sim-reports.js";
import { createEpmSecurityRoutes, type EpmSecurityControls } from "./epm-sim-security-routes.js";
import type { EpmSimState, EpmSimStats } from "./epm-sim-state.js";
import { createEpmSimTenant, type EpmSimTenant } from "./epm-sim-tenant.js";

/**
 * Options of the synthetic EPM tenant.
 *
 * @example
 * ```ts
 * const options: EpmSimulatorOptions = { people: 40, pollsPerJob: 2 };
 * ```
 */
export interface EpmSimulatorOptions {
  /** Size of the organisation shared with the Anaplan tenant (EPM accounts are its `inEpm` people). @default 300 */
  people?: number;
  /** Polls a job answers -1 to before it finishes. @default 2 */
  pollsPerJob?: number;
  /** EPM faults from the start. @default none */
  faults?: EpmSimFaults;
}

/**
 * Options for an EpmClient that talks to the simulator.
 *
 * @example
 * ```ts
 * const { url, username, password }: EpmSimulatorClientOptions = sim.epm.clientOptions;
 * ```
 */
export interface EpmSimulatorClientOptions {
  url: string;
  username: string;
  password: string;
  /** The simulator's clock, so date windows match the simulated "now". */
  now: () => number;
  /** The simulated pod's retention: role audit and invalid logins extended to 90 days. */
  retentionDays: { roleAssignmentAudit: number; invalidLogins: number };
}

/**
 * The Oracle EPM half of a running simulator.
 *
 * @example
 * ```ts
 * const epm: EpmSimulator = sim.epm;
 * const client = new EpmClient(epm.clientOptions);
 * ```
 */
export interface EpmSimulator {
  /** Route handler, mounted by the server under /epm. */
  api: SimulatedApi;
  /** The URL to give an EpmClient: `${sim.url}/epm`. */
  readonly url: string;
  /** Basic-auth credentials the tenant accepts. */
  credentials: { username: string; password: string };
  /** A bearer token the tenant accepts. */
  token: string;
  /** Accepts more Bearer tokens, e.g. those the simulated identity domain issues. */
  acceptBearer(check: (token: string) => boolean): void;
  /** `{ url, username, password, now, retentionDays }` for `new EpmClient(...)`. */
  readonly clientOptions: EpmSimulatorClientOptions;
  /** The synthetic tenant (accounts, groups, roles) as at the start; the served one changes with its audit rows (see entitlementTruth). */
  tenant: EpmSimTenant;
  /** Replaces the EPM faults; `setFaults({})` clears them. */
  setFaults(faults: EpmSimFaults): void;
  /** The EPM faults in force. */
  readonly faults: EpmSimFaults;
  /**
   * Ground truth: the rows a report holds now, as the client's frame should give them
   * (camelCase keys, Dates in UTC, Yes/No as booleans, empty cells as null).
   */
  expectedRows(report: EpmReportName, range?: EpmSimRange): EpmSimRow[];
  /** Names in the file repository, sorted. */
  fileNames(): string[];
  /** Puts a file into the repository (e.g. to provoke "already exists"). */
  putFile(name: string, content: string | Uint8Array): void;
  /** Counters: jobs submitted, polls, downloads, deletes. */
  readonly stats: EpmSimStats;
  /** The security lists (users/list, groups/list): the caller's Access Control role switch. */
  readonly security: EpmSecurityControls;
  /**
   * Ground truth for access reviews over snapshots taken at `times`: the changes no audit row
   * explains and the audit rows no change reflects (see EpmEntitlementHistory).
   */
  entitlementTruth(times: readonly number[]): {
    unexplained: EpmTruthChange[];
    withoutEffect: EpmTruthEvent[];
  };
  /** Audit rows planted on purpose (rule violations), per UTC day number. */
  readonly plantedRows: ReadonlyMap<number, Partial<EpmSimDay>>;
  /** The three changes the simulator makes without an audit row. */
  plantedUnexplained(): EpmPlantedChange[];
}

/**
 * Creates the EPM half of the simulator: the report, job and file endpoints of the reference
 * under /epm, Basic and Bearer auth, jobs that take a few polls, a file repository, reports
 * generated from the seed and the simulated clock over the people shared with the Anaplan
 * tenant, and switchable faults.
 *
 * @param context - clock, seed and base URL of the server
 * @param options - organisation size, polls per job, faults
 * @returns the EPM simulator
 * @example
 * ```ts
 * const sim = await startSimulator({ seed: 1 });
 * const epm = new EpmClient(sim.epm.clientOptions);
 * sim.epm.setFaults({ zip: true });
 * ```
 */
export function createEpmSimulator(context: SimulatorContext, options: EpmSimulatorOptions): EpmSimulator {
  const tenant = createEpmSimTenant(context.seed, options.people ?? 300);
  const days = new Map<number, EpmSimDay>();
  const planted = plantedEpmRows(context.clock.now(), tenant);
  const credentials = { username: "epm.auditor", password: "sim-Epm-Passw0rd!" };
  const token = `sim-epm-token-${context.seed}-7f3a9c2e`;
  const basic = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
  const state: EpmSimState = {
    context,
    // The tenant as it is now: its own audit rows (and planted changes) applied since the start.
    get tenant() {
      return history.tenantAt(context.clock.now());
    },
    faults: { ...options.faults },
    files: new Map(),
    jobs: new Map(),
    pollsPerJob: options.pollsPerJob ?? 2,
    stats: { jobsSubmitted: 0, polls: 0, downloads: 0, deletes: 0 },
    dayOf(day) {
      const cached = days.get(day);
      if (cached) return cached;
      const activity = withPlanted(epmSimDay(tenant, context.seed, day), planted.get(day));
      days.set(day, activity);
      return activity;
    },
    base: () => `${context.baseUrl()}/epm`,
  };

  const extraBearer: Array<(token: string) => boolean> = [];
  const history = new EpmEntitlementHistory(tenant, context.clock.now(), state.dayOf);
  const security: EpmSecurityControls = { accessControl: true };
  const securityRoute = createEpmSecurityRoutes(() => state.tenant, state.base, security);

  async function handle(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    const auth = req.headers.authorization ?? "";
    const bearer = auth.startsWith("Bearer ") ? auth.slice(7) : undefined;
    const accepted =
      auth === basic ||
      bearer === token ||
      (bearer !== undefined && extraBearer.some((check) => check(bearer)));
    if (state.faults.unauthorized || !accepted) {
      res.writeHead(401, {
        "content-type": "text/html",
        "www-authenticate": 'Basic realm="Oracle EPM Cloud"',
      });
      res.end("<html><body><h1>401 Unauthorized</h1></body></html>");
      return;
    }
    const method = req.method ?? "GET";
    if (method === "POST" && EPM_SIM_JOB_PATHS[path]) return submitReportJob(state, req, res, path);
    if (method === "GET" && /^\/interop\/rest\/(v2|security\/v1)\/jobs\/\d+$/.test(path))
      return pollJob(state, req, res, path);
    if (method === "GET" && path === "/interop/rest/security/v1/report/userloginreport") {
      return userLoginReport(state, res, url);
    }
    if (
      method === "GET" &&
      (path === "/interop/rest/11.1.2.3.600/applicationsnapshots" || path === "/interop/rest/v2/files/list")
    ) {
      return listFiles(state, req, res, path);
    }
    if (fileRoute(state, req, res, path)) return;
    if (await securityRoute(req, res, path)) return;
    sendJson(res, 404, { status: 1, details: `No simulated EPM API at ${method} ${path}`, links: [] });
  }

  return {
    api: { handle },
    get url() {
      return state.base();
    },
    credentials,
    token,
    acceptBearer: (check) => {
      extraBearer.push(check);
    },
    get clientOptions() {
      return {
        url: state.base(),
        ...credentials,
        now: () => context.clock.now(),
        retentionDays: {
          roleAssignmentAudit: EPM_SIM_RETENTION_DAYS.roleAssignmentAudit ?? 30,
          invalidLogins: EPM_SIM_RETENTION_DAYS.invalidLogins ?? 30,
        },
      };
    },
    tenant,
    setFaults(faults) {
      state.faults = { ...faults };
    },
    get faults() {
      return state.faults;
    },
    expectedRows(report, range) {
      return buildEpmSimReport(state.tenant, state.dayOf, report, range, context.clock.now()).rows;
    },
    fileNames: () => [...state.files.keys()].sort(),
    putFile(name, content) {
      state.files.set(name, { bytes: Buffer.from(content), lastModified: context.clock.now() });
    },
    get stats() {
      return state.stats;
    },
    security,
    entitlementTruth: (times) => history.truth(times),
    plantedRows: planted,
    plantedUnexplained: () => [...history.planted],
  };
}
