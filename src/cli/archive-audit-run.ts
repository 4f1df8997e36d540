import { resolve } from "node:path";
import type pl from "nodejs-polars";
import { readArchive } from "../archive/read-archive.js";
import { progress } from "../display/progress.js";
import type { EpmReportName } from "../epm/epm-report-definitions.js";
import type { AuditRun } from "./audit-run.js";
import { readReportParameters } from "./report-parameters.js";
import { saveFrames } from "./save-frames.js";

/**
 * Opens a notebook run over a Parquet archive (`KIT_ARCHIVE`) instead of the live APIs: the
 * same methods as a live run, reading the window's day partitions lazily, so a review can look
 * back a year although Anaplan keeps 30 days and EPM 30–120.
 *
 * @param dir - the archive folder (as written by `npm run sync`)
 * @param env - the environment, for KIT_FROM/KIT_TO or KIT_DAYS and KIT_OUT
 * @param now - the current time in epoch ms, for KIT_DAYS @default Date.now()
 * @returns the run; `close()` does nothing to close but is there for symmetry
 * @throws ArchiveError when the folder is not an archive or holds a corrupt or foreign file (named)
 * @example
 * ```ts
 * const run = await openArchiveRun("archive", { KIT_FROM: "2026-01-01", KIT_TO: "2026-12-31" });
 * const events = await run.anaplanEvents();
 * ```
 */
export async function openArchiveRun(
  dir: string,
  env: Record<string, string | undefined>,
  now: number = Date.now(),
): Promise<AuditRun> {
  const parameters = readReportParameters(env, now);
  const frames = await readArchive(dir, { from: parameters.window.from, to: parameters.window.to });
  const covered = frames.manifest.datasets.events?.coveredTo;
  const description = `Data: the Parquet archive at ${resolve(dir)} (Anaplan events synced up to ${covered ?? "—"}). Window: ${parameters.description}.`;
  const collect = async (label: string, lazy: pl.LazyDataFrame): Promise<pl.DataFrame> => {
    const bar = progress(label);
    bar({ phase: "reading the archive", done: 0, total: 1 });
    const df = await lazy.collect();
    bar.finish(`${df.height.toLocaleString("en-US")} rows from the archive`);
    return df;
  };
  return {
    source: "archive",
    parameters,
    anaplan: undefined,
    epm: undefined,
    simulator: undefined,
    description,
    anaplanEvents: () => collect("Anaplan audit events", frames.events),
    anaplanUsers: () => collect("Anaplan users (snapshot)", frames.users),
    async epmReports<N extends EpmReportName>(names: readonly N[]): Promise<Record<N, pl.DataFrame>> {
      const out = {} as Record<N, pl.DataFrame>;
      for (const name of names) out[name] = await collect(`Oracle EPM ${name}`, frames[name]);
      return out;
    },
    save: (toSave) => saveFrames(parameters.outDir, toSave),
    async close() {},
  };
}
