// Diagnostic: node --import tsx bench/trace-year.ts DIR [batchDays] with KIT_SUMMARY_TRACE=1.
import { readFileSync } from "node:fs";
import { summarizeArchiveFrames } from "../src/archive/archive-summary.js";
import { readArchive } from "../src/archive/read-archive.js";

const dir = process.argv[2]!;
const frames = await readArchive(dir, { from: "2025-12-01", to: "2026-11-30" });
const t0 = performance.now();
const s = await summarizeArchiveFrames(frames, {
  archive: dir,
  from: "2025-12-01",
  to: "2026-11-30",
  batchDays: Number(process.argv[3] ?? 8),
});
const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
console.log(
  JSON.stringify({
    s: (performance.now() - t0) / 1000,
    events: s.totals.events,
    privileged: s.privilegedCount,
    hwmMB: Number(hwm) / 1024,
    timings: s.timings,
  }),
);
