import pl from "nodejs-polars";
import type * as Kit from "../../src/index.js";
import type { ContenderResult, Scenario } from "../scenario.js";

/**
 * The kit as users run it: the built JavaScript in dist/ (`npm run bench` builds it first), not
 * the TypeScript sources through the test loader — its page-scanning worker thread would
 * otherwise spend the run compiling TypeScript.
 */
const KIT_DIST = new URL("../../dist/index.js", import.meta.url).href;
/** Loaded when this module is (before the timed part, like the other contenders' libraries). */
const { AnaplanClient, withUsers } = (await import(KIT_DIST)) as typeof Kit;

/**
 * Contender (c), the kit: `getEvents` + `listUsers` (concurrently, as an analyst would) +
 * `withUsers` + one groupBy aggregation (events per event type).
 */
export async function kit(s: Scenario): Promise<Omit<ContenderResult, "peakRssBytes">> {
  const t0 = performance.now();
  const anaplan = new AnaplanClient({
    email: s.email,
    password: s.password,
    authUrl: s.authUrl,
    auditUrl: s.auditUrl,
    apiUrl: s.apiUrl,
    now: () => s.now,
    pageSize: s.pageSize,
    maxConcurrency: s.concurrency,
    ...(process.env.BENCH_TIMELINE ? { onProgress: timeline(t0) } : {}),
  });
  try {
    const [events, users] = await Promise.all([anaplan.audit.getEvents(s.days), anaplan.audit.listUsers()]);
    const joined = withUsers(events, users);
    const byType = joined.groupBy("eventTypeId").agg(pl.len().alias("events")).sort("events", true);
    const ms = performance.now() - t0;
    return { ms, rows: joined.height, bytes: 0, note: `${byType.height} event types; users ${users.height}` };
  } finally {
    await anaplan.close();
  }
}

/**
 * `BENCH_TIMELINE=1 npm run bench -- --contenders c --rounds 1`: when the first pages, every
 * 20th page and the last were read, on stderr, to see start-up and tail latency.
 */
function timeline(t0: number): (p: Kit.AnaplanProgress) => void {
  return (p) => {
    if (p.done <= 4 || p.done % 20 === 0 || p.done === p.total) {
      process.stderr.write(
        `${(performance.now() - t0).toFixed(0).padStart(5)} ms ${p.phase} ${p.done}/${p.total}\n`,
      );
    }
  };
}
