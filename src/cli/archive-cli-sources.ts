import { AnaplanClient } from "../anaplan/anaplan-client.js";
import { anaplanOptionsFromEnv } from "../anaplan/options-from-env.js";
import type { ArchiveOrigin } from "../archive/archive-manifest.js";
import { EpmClient } from "../epm/epm-client.js";
import { startSimulator } from "../simulator/start-simulator.js";
import { epmOptionsFromEnv } from "./epm-options-from-env.js";

/** The clients the sync and export commands talk to, and where they point. */
export interface ArchiveCliSources {
  anaplan: AnaplanClient | undefined;
  epm: EpmClient | undefined;
  /** Labels of the sources, recorded in the archive so sources never mix. */
  origin: ArchiveOrigin;
  /** Lines that say what the command talks to (printed first). */
  description: string[];
  /** The clock: the simulator's when it is used, else the real one. */
  now: () => number;
  /** Closes the clients and stops the simulator, if any. */
  close(): Promise<void>;
}

const SIM_SEED = 1;
const quiet = { warn: () => undefined };

/**
 * Opens the real tenants configured in the environment (ANAPLAN_* and EPM_*), or, when none
 * is configured, the built-in simulator for both (and says so). Never mixes the two: with only
 * one system configured, the other is skipped.
 *
 * @param env - environment variables
 * @returns the clients and a description
 * @throws ValidationError from a client for incomplete settings
 * @example
 * ```ts
 * const sources = await openArchiveCliSources(process.env);
 * try { … } finally { await sources.close(); }
 * ```
 */
export async function openArchiveCliSources(
  env: Record<string, string | undefined>,
): Promise<ArchiveCliSources> {
  const anaplanOptions = anaplanOptionsFromEnv(env);
  const epmOptions = epmOptionsFromEnv(env);
  if (!anaplanOptions && !epmOptions) {
    const sim = await startSimulator({ port: 0, seed: SIM_SEED });
    const origin = `simulator (seed ${SIM_SEED})`;
    const anaplan = new AnaplanClient({ ...sim.anaplan.clientOptions, log: quiet });
    const epm = new EpmClient({ ...sim.epm.clientOptions, pollIntervalMs: 20, log: quiet });
    return {
      anaplan,
      epm,
      origin: { anaplan: origin, epm: origin },
      description: [
        `No ANAPLAN_* or EPM_* credentials set: using the built-in simulator at ${sim.url} (seed ${SIM_SEED}).`,
        "Set ANAPLAN_EMAIL + ANAPLAN_PASSWORD (or certificate/token) and EPM_URL + EPM_USERNAME + EPM_PASSWORD (or EPM_TOKEN) for your tenants.",
      ],
      now: () => sim.clock.now(),
      async close() {
        await anaplan.close();
        await epm.close();
        await sim.close();
      },
    };
  }
  const anaplan = anaplanOptions ? new AnaplanClient(anaplanOptions) : undefined;
  const epm = epmOptions ? new EpmClient(epmOptions) : undefined;
  const auditUrl = anaplanOptions?.auditUrl ?? "https://audit.anaplan.com/audit/api/1";
  return {
    anaplan,
    epm,
    origin: { ...(anaplan ? { anaplan: auditUrl } : {}), ...(epmOptions ? { epm: epmOptions.url } : {}) },
    description: [
      anaplan ? `Anaplan: the tenant behind ${auditUrl}.` : "Anaplan: no ANAPLAN_* credentials set, skipped.",
      epmOptions ? `Oracle EPM: the pod at ${epmOptions.url}.` : "Oracle EPM: no EPM_URL set, skipped.",
    ],
    now: Date.now,
    async close() {
      await anaplan?.close();
      await epm?.close();
    },
  };
}
