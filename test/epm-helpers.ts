/**
 * Test support for the EPM suites: a simulator on a frozen clock, clients with fast polling,
 * exact frame assertions against the simulator's ground truth, and a secret scan of errors.
 */
import assert from "node:assert/strict";
import type pl from "nodejs-polars";
import { EpmClient, type EpmClientCommonOptions } from "../src/epm/epm-client.js";
import type { EpmReportSchema } from "../src/epm/epm-report-schemas.js";
import type { EpmSimRow } from "../src/simulator/epm/epm-sim-csv.js";
import { type Simulator, startSimulator } from "../src/simulator/start-simulator.js";

/** The simulated "now" of every EPM suite: a Friday noon, UTC. */
export const NOW = "2026-11-20T12:00:00Z";
/** A 30-day window ending today. */
export const RANGE_30 = { from: "2026-10-22", to: "2026-11-20" } as const;

/** Starts the simulator on port 0 with the clock frozen at {@link NOW}. */
export function startEpmSimulator(): Promise<Simulator> {
  return startSimulator({ port: 0, seed: 1, clock: { start: NOW, frozen: true } });
}

/** Options that keep tests quick: 2 ms polls, quiet warnings collected in `warnings`. */
export function fastOptions(warnings: string[] = []): Partial<EpmClientCommonOptions> {
  return {
    pollIntervalMs: 2,
    jobTimeoutMs: 10_000,
    retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 },
    log: { warn: (m) => warnings.push(m) },
  };
}

/** A Basic-auth client for the simulator. */
export function basicClient(sim: Simulator, extra: Partial<EpmClientCommonOptions> = {}): EpmClient {
  return new EpmClient({ ...sim.epm.clientOptions, ...fastOptions(), ...extra });
}

/** How many EPM requests the simulator has logged so far. */
export function epmRequests(sim: Simulator): number {
  return sim.requests.filter((r) => r.service === "epm").length;
}

/**
 * Asserts the frame has exactly the schema's columns and dtypes, in order, and exactly the
 * expected rows, in order (Dates compared as instants).
 */
export function assertReportFrame(df: pl.DataFrame, schema: EpmReportSchema, rows: EpmSimRow[]): void {
  const dtypes = (s: Record<string, unknown>) => Object.entries(s).map(([k, v]) => `${k}:${String(v)}`);
  assert.deepEqual(dtypes(df.schema), dtypes(schema));
  assert.equal(df.height, rows.length);
  assert.deepEqual(df.toRecords(), rows);
}

/** Asserts no secret shows in an error's message, JSON form, stack or cause chain. */
export function assertNoSecrets(error: unknown, secrets: string[]): void {
  const seen: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error) seen.push(e.message, e.stack ?? "");
    try {
      seen.push(JSON.stringify(e));
    } catch (error) {
      // JSON.stringify throws a TypeError on a circular cause: message and stack were taken.
      if (!(error instanceof TypeError)) throw error;
    }
  }
  const text = seen.join("\n");
  for (const secret of secrets) {
    assert.ok(!text.includes(secret), `a secret leaked into the error: ${text.slice(0, 300)}`);
  }
}

/** Catches what a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  assert.fail("expected a rejection");
}
