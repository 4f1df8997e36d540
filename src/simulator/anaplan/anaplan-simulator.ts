import { sendJson } from "../respond.js";
import type { SimulatedApi, SimulatorContext } from "../service.js";

/** Size and faults of the synthetic Anaplan tenant. */
export interface AnaplanSimulatorOptions {
  /** Users in the tenant. @default 300 */
  users?: number;
}

/** The Anaplan half of a running simulator. */
export interface AnaplanSimulator {
  /** Route handlers, mounted by the server. */
  api: { auth: SimulatedApi; audit: SimulatedApi; users: SimulatedApi };
  /** URLs to give an AnaplanClient. */
  readonly urls: { authUrl: string; auditUrl: string; apiUrl: string };
  /** Basic-auth credentials the tenant accepts. */
  credentials: { email: string; password: string };
}

/** Creates the Anaplan half of the simulator (placeholder until the tenant lands). */
export function createAnaplanSimulator(
  context: SimulatorContext,
  _options: AnaplanSimulatorOptions,
): AnaplanSimulator {
  const notYet: SimulatedApi = {
    async handle(_req, res) {
      sendJson(res, 501, { status: "FAILURE_NOT_IMPLEMENTED", statusMessage: "not simulated yet" });
    },
  };
  return {
    api: { auth: notYet, audit: notYet, users: notYet },
    get urls() {
      const base = context.baseUrl();
      return {
        authUrl: `${base}/anaplan/auth`,
        auditUrl: `${base}/anaplan/audit/audit/api/1`,
        apiUrl: `${base}/anaplan/api/2/0`,
      };
    },
    credentials: { email: "auditor@example.com", password: "sim-Passw0rd!" },
  };
}
