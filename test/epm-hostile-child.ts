// One EPM report in a child process, for the memory-capped hostile tests
// (test/epm-hostile-child.test.ts). Env: EPM_CHILD_OPTIONS (JSON options of an EpmClient
// without `now`: the simulator's, whose port the parent passes this way), EPM_CHILD_NOW (epoch
// ms, the frozen "now"), EPM_CHILD_REPORT (a report name). Prints "RESULT <json>" with the
// error's name, code and message (or the frame's height) and exits 0; anything else is a failure.

import { EpmClient } from "../src/epm/epm-client.js";
import type { EpmReportName } from "../src/epm/epm-report-definitions.js";

const env = process.env;
const now = Number(env.EPM_CHILD_NOW);
const epm = new EpmClient({
  ...JSON.parse(env.EPM_CHILD_OPTIONS ?? ""),
  now: () => now,
  pollIntervalMs: 2,
  log: { warn: () => undefined },
});
const report = env.EPM_CHILD_REPORT as EpmReportName;
const range = { from: "2026-10-22", to: "2026-11-20" };
let result: Record<string, unknown>;
try {
  const df = await epm.reports.fetch(report, range);
  result = { height: df.height };
} catch (error) {
  const e = error as Error & { code?: string };
  result = { name: e.name, code: e.code, message: e.message };
}
await epm.close();
process.stdout.write(
  `RESULT ${JSON.stringify({ ...result, heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) })}\n`,
);
