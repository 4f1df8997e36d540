import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { Redactor } from "../src/http/redact.js";
import { Transport } from "../src/http/transport.js";
import { CredentialStore } from "../src/oauth/credential-store.js";
import { type DevicePrompt, deviceLogin } from "../src/oauth/device-login.js";
import { anaplanOAuthProvider, epmOAuthProvider, type OAuthProvider } from "../src/oauth/oauth-provider.js";
import { saveLogin } from "../src/oauth/save-login.js";
import {
  SIM_ANAPLAN_DEVICE_CLIENT,
  SIM_EPM_CLIENT,
  SIM_EPM_SERVICE_INSTANCE,
} from "../src/simulator/oauth/oauth-simulator.js";
import { type Simulator, startSimulator } from "../src/simulator/start-simulator.js";

export const NOW = Date.parse("2026-11-20T12:00:00Z");

/** A simulator on a frozen clock, so tests move time themselves. */
export function startOAuthSimulator(
  options: { intervalS?: number; autoApprove?: boolean } = {},
): Promise<Simulator> {
  return startSimulator({
    port: 0,
    seed: 3,
    clock: { start: NOW, frozen: true },
    anaplan: { users: 30, eventsPerDay: 100 },
    oauth: { intervalS: options.intervalS ?? 5, autoApprove: options.autoApprove ?? false },
  });
}

export const anaplanProvider = (sim: Simulator): OAuthProvider =>
  anaplanOAuthProvider({ url: `${sim.url}/anaplan/oauth`, clientId: SIM_ANAPLAN_DEVICE_CLIENT });

export const epmProvider = (sim: Simulator): OAuthProvider =>
  epmOAuthProvider({ url: `${sim.url}/idcs`, clientId: SIM_EPM_CLIENT, scope: SIM_EPM_SERVICE_INSTANCE });

/** A temporary folder and a store in it; `cleanup()` removes both. */
export function tempStore(key?: string): { dir: string; store: CredentialStore; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "kit-oauth-"));
  const store = new CredentialStore({ path: join(dir, "config", "credentials.json"), key });
  return { dir, store, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Transport and redactor as a client would have them. */
export function plumbing(): { transport: Transport; redactor: Redactor } {
  const redactor = new Redactor();
  return { redactor, transport: new Transport({ redactor, retry: { limit: 0 }, log: { warn: () => {} } }) };
}

/**
 * Runs the device flow on the simulator's frozen clock: each wait advances the clock by the time
 * asked, and `onPoll(n)` may approve or deny before poll n.
 */
export async function loginOnSimClock(
  sim: Simulator,
  provider: OAuthProvider,
  onWait: (prompt: DevicePrompt, wait: number) => void | Promise<void>,
): Promise<{ waits: number[]; tokens: Awaited<ReturnType<typeof deviceLogin>> }> {
  const { transport, redactor } = plumbing();
  const waits: number[] = [];
  let prompt: DevicePrompt | undefined;
  try {
    const tokens = await deviceLogin(provider, {
      transport,
      redactor,
      now: () => sim.clock.now(),
      onPrompt: (p) => {
        prompt = p;
      },
      sleep: async (ms) => {
        waits.push(ms);
        sim.clock.advance(ms);
        await onWait(prompt!, waits.length);
      },
    });
    return { waits, tokens };
  } finally {
    await transport.close();
  }
}

/** Signs in through the simulator (approving at once) and stores the sign-in. */
export async function storedLogin(
  sim: Simulator,
  provider: OAuthProvider,
  store: CredentialStore,
): Promise<void> {
  const server = provider.system === "anaplan" ? sim.oauth.anaplan : sim.oauth.epm;
  const { tokens } = await loginOnSimClock(sim, provider, (prompt) => {
    server.approve(prompt.userCode);
  });
  await saveLogin(store, provider, tokens);
}

/** Every way an error can be printed or serialised. */
export function renderings(error: unknown): string[] {
  return [String(error), JSON.stringify(error), inspect(error, { depth: 5 }), (error as Error)?.stack ?? ""];
}
