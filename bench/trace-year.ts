// Diagnostic: KIT_SUMMARY_TRACE=1 node --import tsx bench/trace-year.ts DIR [batchMiB]: RSS per
// batch, then the peak (VmHWM) after the summary and after writing its privileged rows to a CSV.
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarizeArchiveFrames } from "../src/archive/archive-summary.js";
import { readArchive } from "../src/archive/read-archive.js";
import { ownPeakRss } from "./child.js";

const hwmMB = () => ownPeakRss() / 2 ** 20;
const dir = process.argv[2]!;
const window = { from: "2025-12-01", to: "2026-11-30" };
const frames = await readArchive(dir, window);
const t0 = performance.now();
const s = await summarizeArchiveFrames(frames, {
  archive: dir,
  ...window,
  batchBytes: process.argv[3] === undefined ? undefined : Number(process.argv[3]) * 2 ** 20,
});
const summaryHwm = hwmMB();
const csv = join(tmpdir(), `trace-privileged-${process.pid}.csv`);
const t1 = performance.now();
await s.privilegedEvents.sinkCSV(csv).collect();
const sinkS = (performance.now() - t1) / 1000;
rmSync(csv, { force: true });
console.log(
  JSON.stringify({
    s: (t1 - t0) / 1000,
    cpuS: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    sinkS,
    events: s.totals.events,
    privileged: s.privilegedCount,
    summaryHwmMB: summaryHwm,
    afterSinkHwmMB: hwmMB(),
    timings: s.timings,
  }),
);
