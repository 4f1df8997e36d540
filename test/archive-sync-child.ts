// A sync in a child process, for the kill-and-rerun tests (test/archive-crash.test.ts).
// Env: ARCHIVE_DIR; ARCHIVE_NOW (epoch ms, the frozen "now"); ARCHIVE_ANAPLAN and ARCHIVE_EPM
// (JSON options of an AnaplanClient and an EpmClient without `now`: the simulator's, whose port
// the parent passes this way); ARCHIVE_SINCE (optional `since` of syncArchive);
// ARCHIVE_PAUSE_AT "<step>[/<dataset>]:<n>" makes the sync stop at the n-th such step, print
// "PAUSED …" and wait to be killed. Prints "DONE <result JSON>" when it finishes.

import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import { syncArchive } from "../src/archive/sync-archive.js";
import type { SyncProgress } from "../src/archive/sync-progress.js";
import { EpmClient } from "../src/epm/epm-client.js";

const env = process.env;
const now = Number(env.ARCHIVE_NOW);
const clock = () => now;
const pause = /^([a-z-]+)(?:\/([A-Za-z]+))?:(\d+)$/.exec(env.ARCHIVE_PAUSE_AT ?? "");
let seen = 0;

async function onProgress(progress: SyncProgress): Promise<void> {
  if (!pause) return;
  const dataset = "dataset" in progress ? progress.dataset : undefined;
  if (progress.step !== pause[1] || (pause[2] && dataset !== pause[2])) return;
  seen += 1;
  if (seen !== Number(pause[3])) return;
  process.stdout.write(`PAUSED ${env.ARCHIVE_PAUSE_AT} ${JSON.stringify(progress)}\n`);
  setInterval(() => undefined, 1 << 30);
  await new Promise(() => undefined);
}

const anaplan = new AnaplanClient({
  ...JSON.parse(env.ARCHIVE_ANAPLAN ?? ""),
  now: clock,
  log: { warn: () => undefined },
});
const epm = new EpmClient({ ...JSON.parse(env.ARCHIVE_EPM ?? ""), now: clock, pollIntervalMs: 5 });
const result = await syncArchive({
  archive: env.ARCHIVE_DIR ?? "",
  anaplan,
  epm,
  now: clock,
  ...(env.ARCHIVE_SINCE ? { since: env.ARCHIVE_SINCE } : {}),
  onProgress,
});
process.stdout.write(`DONE ${JSON.stringify(result)}\n`);
await epm.close();
await anaplan.close();
