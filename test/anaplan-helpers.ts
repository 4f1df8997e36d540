import type pl from "nodejs-polars";
import { AnaplanClient, type AnaplanClientOptions } from "../src/anaplan/anaplan-client.js";
import { type Simulator, startSimulator } from "../src/simulator/start-simulator.js";

/** Values of a column as plain JS (Datetime → ISO text), for exact assertions. */
export function col(frame: pl.DataFrame, name: string): unknown[] {
  return (frame.getColumn(name).toArray() as unknown[]).map((v) => (v instanceof Date ? v.toISOString() : v));
}

/** `name:type` of every column, in order. */
export function schemaOf(frame: pl.DataFrame): string[] {
  return Object.entries(frame.schema).map(([k, v]) => `${k}:${String(v)}`);
}

/** The simulated "now" of every Anaplan client test (frozen). */
export const NOW = Date.parse("2026-11-20T12:00:00Z");
export const DAY = 86_400_000;

/** A small frozen tenant: 40 people, ~200 events a day. */
export function startSmallSimulator(anaplan: Record<string, unknown> = {}): Promise<Simulator> {
  return startSimulator({
    port: 0,
    seed: 7,
    clock: { start: NOW, frozen: true },
    anaplan: { users: 40, eventsPerDay: 200, ...anaplan },
  });
}

/** A test harness around one simulator: clients with fast retries and captured warnings. */
export class Harness {
  readonly warnings: string[] = [];
  readonly #clients: AnaplanClient[] = [];
  constructor(readonly sim: Simulator) {}

  /** A client on the simulator (basic auth unless overridden), retries in milliseconds. */
  client(extra: AnaplanClientOptions = {}): AnaplanClient {
    const base: AnaplanClientOptions = { ...this.sim.anaplan.clientOptions };
    if (extra.certificate || extra.token) {
      delete base.email;
      delete base.password;
    }
    const client = new AnaplanClient({
      ...base,
      retry: { limit: 3, baseDelayMs: 2, maxDelayMs: 10 },
      log: { warn: (m) => this.warnings.push(m), debug: () => {} },
      ...extra,
    });
    this.#clients.push(client);
    return client;
  }

  /** Ground truth ids of [now - days, now] (API order: eventDate, then numeric id). */
  truth(days: number, type?: string): string[] {
    const now = this.sim.clock.now();
    return this.sim.anaplan.eventIds({ from: now - days * DAY, to: now, ...(type ? { type } : {}) });
  }

  /** Clears every fault, counter, warning and the request log. */
  reset(): void {
    this.sim.faults.clear();
    this.sim.anaplan.clearFaults();
    for (const key of Object.keys(this.sim.anaplan.counters)) {
      (this.sim.anaplan.counters as unknown as Record<string, number>)[key] = 0;
    }
    this.sim.requests.length = 0;
    this.warnings.length = 0;
  }

  /** Requests the simulator answered with `status` on a service. */
  answered(service: string, status: number): number {
    return this.sim.requests.filter((r) => r.service === service && r.status === status).length;
  }

  async close(): Promise<void> {
    await Promise.all(this.#clients.map((c) => c.close()));
    await this.sim.close();
  }
}

/** Event ids of a frame, in frame order. */
export function ids(frame: pl.DataFrame): string[] {
  return frame.getColumn("id").toArray() as string[];
}
