import { mkdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type pl from "nodejs-polars";
import { note } from "../display/note.js";

/**
 * Writes frames as CSV files named after their keys into a folder (created if missing), and
 * says where in a note.
 *
 * @param outDir - the output folder
 * @param frames - frames by file name (without `.csv`)
 * @returns the paths written
 * @example
 * ```ts
 * saveFrames("out/reports", { "failed-logins": failures }) //=> ["out/reports/failed-logins.csv"]
 * ```
 */
export function saveFrames(outDir: string, frames: Record<string, pl.DataFrame>): string[] {
  mkdirSync(outDir, { recursive: true });
  const paths = Object.entries(frames).map(([name, df]) => {
    const path = join(outDir, `${name}.csv`);
    df.writeCSV(path);
    return path;
  });
  note(`Saved for the review file: ${paths.map((p) => basename(p)).join(", ")} in ${resolve(outDir)}`, {
    tone: "ok",
  });
  return paths;
}
