import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as KitArchive from "../../src/archive/index.js";
import type * as Kit from "../../src/index.js";
import { ownPeakRss } from "../child.js";
import type { ContenderResult, Scenario } from "../scenario.js";

/** The built kit, as contender (c) loads it (see kit.ts). */
const KIT_DIST = new URL("../../dist/index.js", import.meta.url).href;
const ARCHIVE_DIST = new URL("../../dist/archive/index.js", import.meta.url).href;
const { AnaplanClient } = (await import(KIT_DIST)) as typeof Kit;
const { syncArchive } = (await import(ARCHIVE_DIST)) as typeof KitArchive;

/**
 * Contender (s), the kit's backfill: `syncArchive` of the same 30-day window from the same
 * simulator into a fresh, empty temporary archive (Anaplan only: events, then the users
 * snapshot; the entitlement snapshot too with BENCH_SYNC_ENTITLEMENTS=1). `ms` is the events backfill (from the start to the
 * last events watermark, i.e. the last day durable); the whole sync's time is `totalMs`, and
 * the note says what the users and entitlement snapshots cost. Set BENCH_KEEP_ARCHIVE=1 to keep
 * the archive (its path is printed on stderr).
 */
export async function kitSync(s: Scenario): Promise<Omit<ContenderResult, "peakRssBytes">> {
  const archive = mkdtempSync(join(tmpdir(), "bench-sync-"));
  const t0 = performance.now();
  let eventsDoneMs = 0;
  let usersDoneMs = 0;
  const anaplan = new AnaplanClient({
    email: s.email,
    password: s.password,
    authUrl: s.authUrl,
    auditUrl: s.auditUrl,
    apiUrl: s.apiUrl,
    now: () => s.now,
    pageSize: s.pageSize,
    maxConcurrency: s.concurrency,
    log: { warn: () => undefined },
  });
  try {
    const result = await syncArchive({
      archive,
      // The entitlement snapshot calls the model APIs, nothing to do with the events: off unless asked.
      anaplan: process.env.BENCH_SYNC_ENTITLEMENTS ? anaplan : { audit: anaplan.audit },
      now: () => s.now,
      onProgress: (p) => {
        if (p.step === "watermark" && p.dataset === "events") {
          eventsDoneMs = performance.now() - t0;
          if (process.env.BENCH_MEMLOG) process.stderr.write(`${p.message}: ${memoryText()}\n`);
        }
        if (p.step === "snapshot-written" && p.dataset === "users") usersDoneMs = performance.now() - t0;
      },
    });
    const totalMs = performance.now() - t0;
    const events = result.history.events;
    const bytes = sizeOf(join(archive, "anaplan", "events"));
    return {
      ms: eventsDoneMs,
      totalMs,
      rows: events?.added ?? 0,
      bytes: 0,
      note:
        `events backfill ${(eventsDoneMs / 1000).toFixed(2)} s, whole sync ${(totalMs / 1000).toFixed(2)} s ` +
        `(users snapshot ${usersDoneMs ? ((usersDoneMs - eventsDoneMs) / 1000).toFixed(2) : "?"} s, entitlements etc. ` +
        `${((totalMs - (usersDoneMs || eventsDoneMs)) / 1000).toFixed(2)} s); fetched ${events?.fetched}, ` +
        `${(bytes / 2 ** 20).toFixed(1)} MiB of event Parquet`,
    };
  } finally {
    await anaplan.close();
    if (process.env.BENCH_KEEP_ARCHIVE) process.stderr.write(`archive kept at ${archive}\n`);
    else rmSync(archive, { recursive: true, force: true });
  }
}

function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** `BENCH_MEMLOG=1`: the memory after each day, on stderr. */
function memoryText(): string {
  const m = process.memoryUsage();
  const mib = (n: number) => `${Math.round(n / 2 ** 20)} MiB`;
  return `rss ${mib(m.rss)}, peak ${mib(ownPeakRss())}, JS heap ${mib(m.heapUsed)}, external ${mib(m.external)}`;
}
