import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type AnaplanSimulator,
  type AnaplanSimulatorOptions,
  createAnaplanSimulator,
} from "./anaplan/anaplan-simulator.js";
import { SimulatorClock, type SimulatorClockOptions } from "./clock.js";
import { createEpmSimulator, type EpmSimulator, type EpmSimulatorOptions } from "./epm/epm-simulator.js";
import { type ExpectedFinding, expectedFindings } from "./expected-findings.js";
import { FaultInjector, type FaultRule, type SimulatedService } from "./faults.js";
import {
  createOAuthSimulator,
  type OAuthSimulator,
  type OAuthSimulatorOptions,
} from "./oauth/oauth-simulator.js";
import { sendJson } from "./respond.js";
import type { SimulatedApi, SimulatorContext } from "./service.js";

/**
 * Options of {@link startSimulator}.
 *
 * @example
 * ```ts
 * const options: StartSimulatorOptions = { seed: 42, clock: { start: "2026-03-01T00:00:00Z" }, anaplan: { users: 10 } };
 * ```
 */
export interface StartSimulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. Loopback only, on purpose. @default "127.0.0.1" */
  host?: string;
  /** Seed of the synthetic tenants: the same seed gives the same users, events and reports. @default 1 */
  seed?: number;
  /** The simulated clock, or options to make one. @default ticking from the real current time */
  clock?: SimulatorClock | SimulatorClockOptions;
  /** Anaplan tenant size and faults. @default a few hundred users, tens of thousands of events */
  anaplan?: AnaplanSimulatorOptions;
  /** EPM tenant options and faults. @default a tenant sharing people with the Anaplan one */
  epm?: EpmSimulatorOptions;
  /** The OAuth servers (Anaplan's and the EPM identity domain): clients, polling interval, auto-approval. @default see {@link OAuthSimulatorOptions} */
  oauth?: OAuthSimulatorOptions;
  /** Keep a log of the last N requests in `sim.requests`. @default 10000 */
  requestLogSize?: number;
}

/**
 * One request the simulator saw (for tests: counts, hosts, auth schemes).
 *
 * @example
 * ```ts
 * const failed: SimulatorRequestLogEntry[] = sim.requests.filter((r) => r.status >= 400);
 * ```
 */
export interface SimulatorRequestLogEntry {
  method: string;
  service: SimulatedService | "unknown";
  path: string;
  /** The Authorization scheme sent (`AnaplanAuthToken`, `Basic`, …), never the value. */
  authScheme: string | undefined;
  status: number;
  at: number;
}

/**
 * A running simulator.
 *
 * @example
 * ```ts
 * const sim: Simulator = await startSimulator({ seed: 1 });
 * await sim.close();
 * ```
 */
export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The Anaplan side: URLs for AnaplanClient, credentials, tenant ground truth, faults. */
  anaplan: AnaplanSimulator;
  /** The Oracle EPM side: URL for EpmClient, credentials, tenant ground truth, faults. */
  epm: EpmSimulator;
  /**
   * The OAuth servers: Anaplan's at `${url}/anaplan/oauth` and the EPM identity domain at
   * `${url}/idcs`; approve device codes with `sim.oauth.anaplan.approve(userCode)`.
   */
  oauth: OAuthSimulator;
  /** The simulated clock. */
  clock: SimulatorClock;
  /** Transport-level faults (status codes, Retry-After, HTML pages, slow, truncated bodies). */
  faults: FaultInjector;
  /** The last requests seen. */
  requests: SimulatorRequestLogEntry[];
  /**
   * Ground truth for `findings(frames, DEFAULT_RULES)` over a window of whole UTC days (both
   * inclusive): every finding of the event and audit-row rules, the planted violations
   * (`sim.anaplan.planted`, `sim.epm.plantedRows`) and whatever background activity also trips a
   * rule, from the records the APIs serve now; and, whatever the window, the planted
   * segregation-of-duties conflict (`sim.anaplan.entitlements.adminConflict`: an Anaplan workspace
   * administrator who is an EPM Service Administrator, the only such person in the rights served
   * at the simulator's start), and the planted dormant EPM account (`sim.epm.tenant.dormant`,
   * an active Power User who never signs in: what `dormant-privileged` finds when it runs over at
   * least 90 days of EPM sign-ins), without times.
   */
  plantedFindings(window: { from: string; to: string }): ExpectedFinding[];
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const MOUNTS: Array<[prefix: string, service: SimulatedService]> = [
  ["/anaplan/auth", "anaplan-auth"],
  ["/anaplan/oauth", "anaplan-oauth"],
  ["/idcs", "epm-oauth"],
  ["/anaplan/audit", "anaplan-audit"],
  ["/anaplan/api", "anaplan-users"],
  ["/epm", "epm"],
];

/**
 * Starts a real HTTP server on loopback that speaks the Anaplan auth, audit and users APIs and
 * the Oracle EPM report, job and file APIs, over deterministic synthetic tenants, with a
 * settable clock and switchable faults. Tests, the demo, the notebooks and the benchmarks all
 * talk to it through the real clients.
 *
 * @param options - port, seed, clock, tenant sizes and faults
 * @returns the running simulator; call `close()` when done
 * @example
 * ```ts
 * const sim = await startSimulator({ seed: 1 });
 * const anaplan = new AnaplanClient({ ...sim.anaplan.credentials, ...sim.anaplan.urls });
 * const events = await anaplan.audit.getEvents(7);
 * await sim.close();
 * ```
 */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 1;
  const clock =
    options.clock instanceof SimulatorClock ? options.clock : new SimulatorClock(options.clock ?? {});
  const faults = new FaultInjector();
  const requests: SimulatorRequestLogEntry[] = [];
  const logSize = options.requestLogSize ?? 10_000;
  let baseUrl = "";
  const context: SimulatorContext = { clock, seed, baseUrl: () => baseUrl };
  const epm = createEpmSimulator(context, options.epm ?? {});
  // The Anaplan tenant plants its segregation-of-duties conflict on one of EPM's Service Administrators.
  const anaplan = createAnaplanSimulator(context, {
    ...options.anaplan,
    epmServiceAdmins: epm.tenant.accounts
      .filter((a) => a.active && a.roles.includes("Service Administrator"))
      .map((a) => a.email),
  });
  const oauth = createOAuthSimulator(context, () => anaplan.issueToken(), options.oauth ?? {});
  epm.acceptBearer(oauth.acceptsEpmToken);
  const apis: Record<SimulatedService, SimulatedApi> = {
    "anaplan-auth": anaplan.api.auth,
    "anaplan-audit": anaplan.api.audit,
    "anaplan-users": anaplan.api.users,
    "anaplan-oauth": oauth.api.anaplan,
    epm: epm.api,
    "epm-oauth": oauth.api.epm,
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { status: "FAILURE_INTERNAL", statusMessage: String(error) });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator");
    const mount = MOUNTS.find(([prefix]) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));
    const service = mount?.[1] ?? "unknown";
    const path = mount ? url.pathname.slice(mount[0].length) || "/" : url.pathname;
    res.on("finish", () => {
      requests.push({
        method: req.method ?? "GET",
        service,
        path,
        authScheme: req.headers.authorization?.split(" ")[0],
        status: res.statusCode,
        at: clock.now(),
      });
      if (requests.length > logSize) requests.splice(0, requests.length - logSize);
    });
    if (!mount) {
      sendJson(res, 404, {
        status: "FAILURE_NOT_FOUND",
        statusMessage: `No simulated API at ${url.pathname}`,
      });
      return;
    }
    const fault = faults.take(mount[1], path, req);
    if (fault && (await applyFault(fault, req, res))) return;
    await apis[mount[1]].handle(req, res, path, url);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${address.address}:${address.port}`;

  return {
    url: baseUrl,
    anaplan,
    epm,
    oauth,
    clock,
    faults,
    requests,
    plantedFindings: (window) => plantedFindings(anaplan, epm, window),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function plantedFindings(
  anaplan: AnaplanSimulator,
  epm: EpmSimulator,
  window: { from: string; to: string },
): ExpectedFinding[] {
  const from = Date.parse(`${window.from}T00:00:00Z`);
  const to = Date.parse(`${window.to}T00:00:00Z`) + 86_400_000;
  if (Number.isNaN(from) || Number.isNaN(to))
    throw new RangeError(`Not a window of days: ${JSON.stringify(window)}`);
  return expectedFindings(
    {
      anaplanEvents: anaplan.events({ from, to: to - 1 }),
      anaplanUsers: anaplan.users(),
      epmRoleAudit: epm.expectedRows("roleAssignmentAudit", window),
      epmGroupAudit: epm.expectedRows("groupAssignmentAudit", window),
      epmInvalidLogins: epm.expectedRows("invalidLogins", window),
      adminConflicts: anaplan.entitlements.adminConflict ? [anaplan.entitlements.adminConflict] : [],
      dormantAccounts: dormantAccounts(epm),
    },
    { from, to },
  );
}

/** The planted dormant EPM account, keyed as the rights frame keys EPM persons (login with "@", else e-mail). */
function dormantAccounts(epm: EpmSimulator): Array<{ person: string; system: string }> {
  const account = epm.tenant.accounts.find((a) => a.login === epm.tenant.dormant);
  if (!account) return [];
  const login = account.login.trim().toLowerCase();
  return [{ person: login.includes("@") ? login : account.email.trim().toLowerCase(), system: "epm" }];
}

/** Applies a fault; returns true when the response is complete and the handler must not run. */
async function applyFault(fault: FaultRule, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  switch (fault.kind) {
    case "slow":
      await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
      return false;
    case "reset":
      req.socket.destroy();
      return true;
    case "status": {
      const status = fault.status ?? 503;
      const headers: Record<string, string> =
        fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
      sendJson(
        res,
        status,
        {
          status: status === 429 ? "FAILURE_TOO_MANY_REQUESTS" : "FAILURE_SERVER_ERROR",
          statusMessage: `Simulated ${status}`,
        },
        headers,
      );
      return true;
    }
    case "html": {
      const body = Buffer.from(
        `<html><head><title>${fault.status ?? 502} Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>`,
      );
      res.writeHead(fault.status ?? 502, { "content-type": "text/html", "content-length": body.length });
      res.end(body);
      return true;
    }
    case "body": {
      const body = typeof fault.body === "string" ? Buffer.from(fault.body) : Buffer.from(fault.body ?? "");
      res.writeHead(fault.status ?? 200, {
        "content-type": fault.contentType ?? "application/json",
        "content-length": body.length,
      });
      res.end(body);
      return true;
    }
    case "drip": {
      const end = res.end.bind(res);
      const step = Math.max(1, fault.chunkBytes ?? 1);
      const interval = fault.intervalMs ?? 100;
      // Intercept the handler's body and send it a few bytes at a time until the client hangs up.
      res.end = ((chunk?: unknown) => {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk ?? ""));
        let at = 0;
        const timer = setInterval(() => {
          if (res.destroyed || req.socket.destroyed) return clearInterval(timer);
          const part = bytes.subarray(at, at + step);
          at += part.length;
          if (at >= bytes.length) {
            clearInterval(timer);
            end(part);
          } else {
            res.write(part);
          }
        }, interval);
        res.once("close", () => clearInterval(timer));
        return res;
      }) as typeof res.end;
      return false;
    }
    case "malformed":
    case "truncate": {
      const end = res.end.bind(res);
      const writeHead = res.writeHead.bind(res);
      let announced = 0;
      // Intercept the handler's response and cut its body in half.
      res.writeHead = ((status: number, ...rest: unknown[]) => {
        const headers = (rest.find((r) => r && typeof r === "object") ?? {}) as Record<
          string,
          string | number
        >;
        announced = Number(headers["content-length"] ?? 0);
        if (fault.kind === "malformed") headers["content-length"] = Math.floor(announced / 2);
        return writeHead(status, headers);
      }) as typeof res.writeHead;
      res.end = ((chunk?: unknown) => {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk ?? ""));
        const half = bytes.subarray(0, Math.floor((announced || bytes.length) / 2));
        if (fault.kind === "malformed") return end(half);
        res.write(half);
        setImmediate(() => req.socket.destroy());
        return res;
      }) as typeof res.end;
      return false;
    }
  }
}
