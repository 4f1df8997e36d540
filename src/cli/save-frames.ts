import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type pl from "nodejs-polars";
import { note } from "../display/note.js";
import type { ProvenanceData } from "../display/provenance.js";

/**
 * Writes frames as CSV files named after their keys into a folder (created if missing), with
 * the run's provenance beside them as `provenance.json` when given (so the files carry where
 * their data came from and which days it covers), and says where in a note.
 *
 * @param outDir - the output folder
 * @param frames - frames by file name (without `.csv`)
 * @param provenance - the run's provenance @default none (no provenance.json)
 * @returns the paths written (CSV files, then provenance.json)
 * @example
 * ```ts
 * saveFrames("out/reports", { "failed-logins": failures }) //=> ["out/reports/failed-logins.csv"]
 * ```
 */
export function saveFrames(
  outDir: string,
  frames: Record<string, pl.DataFrame>,
  provenance?: ProvenanceData,
): string[] {
  mkdirSync(outDir, { recursive: true });
  const paths = Object.entries(frames).map(([name, df]) => {
    const path = join(outDir, `${name}.csv`);
    df.writeCSV(path);
    return path;
  });
  if (provenance) {
    const path = join(outDir, "provenance.json");
    writeFileSync(path, `${JSON.stringify(provenance, null, 2)}\n`);
    paths.push(path);
  }
  note(`Saved for the review file: ${paths.map((p) => basename(p)).join(", ")} in ${resolve(outDir)}`, {
    tone: "ok",
  });
  return paths;
}
