import { sendJson } from "../respond.js";
import type { SimulatedApi, SimulatorContext } from "../service.js";

/** Options and faults of the synthetic EPM tenant. */
export interface EpmSimulatorOptions {
  /** Placeholder until the EPM tenant lands. @default undefined */
  reserved?: never;
}

/** The Oracle EPM half of a running simulator. */
export interface EpmSimulator {
  /** Route handler, mounted by the server under /epm. */
  api: SimulatedApi;
  /** The URL to give an EpmClient. */
  readonly url: string;
  /** Basic-auth credentials the tenant accepts. */
  credentials: { username: string; password: string };
}

/** Creates the EPM half of the simulator (placeholder until the tenant lands). */
export function createEpmSimulator(context: SimulatorContext, _options: EpmSimulatorOptions): EpmSimulator {
  return {
    api: {
      async handle(_req, res) {
        sendJson(res, 501, { status: 1, details: "not simulated yet", links: [] });
      },
    },
    get url() {
      return `${context.baseUrl()}/epm`;
    },
    credentials: { username: "epm.auditor", password: "sim-Epm-Passw0rd!" },
  };
}
