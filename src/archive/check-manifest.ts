import { ARCHIVE_DATASETS, type ArchiveDatasetName } from "./archive-datasets.js";
import { ArchiveError } from "./archive-error.js";
import type { ArchiveDatasetState, ArchiveManifest } from "./archive-manifest-types.js";
import { utcDay } from "./utc-day.js";

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Checks what a manifest claims before any sync or read trusts it: every dataset is one the
 * kit knows; `coveredFrom`, `coveredTo` and gap ends are ISO UTC instants (as the kit writes
 * them, e.g. `2026-11-22T10:00:00.000Z`) in order; `lastSnapshot` is a real `YYYY-MM-DD` day;
 * file records hold a SHA-256.
 *
 * @param manifest - the parsed manifest (format and version already checked)
 * @param path - the manifest file, for messages
 * @returns the same manifest
 * @throws {@link ArchiveError} `E_ARCHIVE_WATERMARK` naming the file, the dataset, the value and the fix;
 *   `E_ARCHIVE_CORRUPT` for a malformed file record
 * @example
 * ```ts
 * checkManifest(JSON.parse(text), "archive/manifest.json").datasets.events?.coveredTo //=> "2026-11-22T10:00:00.000Z"
 * ```
 */
export function checkManifest(manifest: ArchiveManifest, path: string): ArchiveManifest {
  if (manifest.datasets === null || Array.isArray(manifest.datasets)) {
    throw new ArchiveError("E_ARCHIVE_CORRUPT", `${path}: "datasets" is not an object. ${RESTORE}`, path);
  }
  for (const [name, state] of Object.entries(manifest.datasets)) {
    if (!(name in ARCHIVE_DATASETS)) {
      throw new ArchiveError(
        "E_ARCHIVE_WATERMARK",
        `Archive manifest ${path} has an unknown dataset ${JSON.stringify(name)}. It was written by another version of the kit, or edited: use that version, or remove the entry.`,
        path,
      );
    }
    checkDatasetState(name as ArchiveDatasetName, state, path);
  }
  const origin = manifest.origin as unknown;
  if (
    origin !== undefined &&
    (typeof origin !== "object" ||
      origin === null ||
      Object.entries(origin).some(([k, v]) => !["anaplan", "epm"].includes(k) || typeof v !== "string"))
  ) {
    throw new ArchiveError(
      "E_ARCHIVE_CORRUPT",
      `${path}: "origin" is not {anaplan?, epm?} with text values (${JSON.stringify(origin)?.slice(0, 200)}). Correct it to the source each system was synced from, or remove it (the next sync records the current sources).`,
      path,
    );
  }
  checkFileRecords(manifest, path);
  return manifest;
}

/**
 * Refuses watermarks after the sync's "now": a `coveredTo` in the future would make the sync
 * skip everything until then, silently. A clock that was ahead during an earlier sync, or an
 * edited manifest, causes it.
 *
 * @param manifest - a checked manifest
 * @param now - the sync's now, epoch ms
 * @param path - the manifest file, for messages
 * @returns nothing
 * @throws {@link ArchiveError} `E_ARCHIVE_WATERMARK` naming the file, dataset, value and fix
 * @example
 * ```ts
 * checkWatermarksNotAfter(manifest, Date.now(), "archive/manifest.json");
 * ```
 */
export function checkWatermarksNotAfter(manifest: ArchiveManifest, now: number, path: string): void {
  const nowText = new Date(now).toISOString();
  for (const [name, state] of Object.entries(manifest.datasets)) {
    for (const field of ["coveredFrom", "coveredTo"] as const) {
      const value = state?.[field];
      if (value !== undefined && Date.parse(value) > now) {
        throw new ArchiveError(
          "E_ARCHIVE_WATERMARK",
          `Archive manifest ${path}: dataset ${name} has ${field} ${value}, after this sync's now (${nowText}); the sync would skip everything until then. A sync ran with a clock set ahead, or the file was edited. Fix: set ${field} to the end of the last sync you trust (not after ${nowText}), or remove the "${name}" entry from "datasets" so the next sync fetches again what the API still holds (archived rows are merged without duplicates).`,
          path,
        );
      }
    }
    if (state?.lastSnapshot !== undefined && state.lastSnapshot > utcDay(now)) {
      throw new ArchiveError(
        "E_ARCHIVE_WATERMARK",
        `Archive manifest ${path}: dataset ${name} has lastSnapshot ${state.lastSnapshot}, after this sync's day (${utcDay(now)}). A sync ran with a clock set ahead, or the file was edited. Fix: check the system clock; remove the snapshot=${state.lastSnapshot} folder if it is not a real snapshot, and set lastSnapshot to the latest real one (or remove the field).`,
        path,
      );
    }
  }
}

const RESTORE =
  "Restore manifest.json from a backup, or delete it: the next sync fetches again what the API still holds and merges it without duplicates.";

function checkDatasetState(name: ArchiveDatasetName, state: unknown, path: string): void {
  if (typeof state !== "object" || state === null || Array.isArray(state)) {
    throw watermarkError(path, name, "its entry", state, "an object");
  }
  const s = state as ArchiveDatasetState;
  for (const field of ["coveredFrom", "coveredTo"] as const) {
    if (s[field] !== undefined && !isInstant(s[field])) {
      throw watermarkError(path, name, field, s[field], "an ISO UTC time such as 2026-11-22T10:00:00.000Z");
    }
  }
  if (s.coveredFrom && s.coveredTo && Date.parse(s.coveredFrom) > Date.parse(s.coveredTo)) {
    throw watermarkError(
      path,
      name,
      "coveredFrom",
      s.coveredFrom,
      `a time not after coveredTo ${s.coveredTo}`,
    );
  }
  if (s.lastSnapshot !== undefined && !isDay(s.lastSnapshot)) {
    throw watermarkError(path, name, "lastSnapshot", s.lastSnapshot, "a UTC day such as 2026-11-22");
  }
  if (s.gaps === undefined) return;
  if (!Array.isArray(s.gaps)) throw watermarkError(path, name, "gaps", s.gaps, "a list of {from, to}");
  for (const gap of s.gaps as unknown[]) {
    const g = gap as { from?: unknown; to?: unknown } | null;
    if (!g || !isInstant(g.from) || !isInstant(g.to) || Date.parse(g.from) > Date.parse(g.to)) {
      throw watermarkError(path, name, "gaps", gap, "{from, to}: ISO UTC times, from not after to");
    }
  }
}

function checkFileRecords(manifest: ArchiveManifest, path: string): void {
  if (manifest.files === undefined) return;
  if (typeof manifest.files !== "object" || manifest.files === null || Array.isArray(manifest.files)) {
    throw new ArchiveError("E_ARCHIVE_CORRUPT", `${path}: "files" is not an object. ${RESTORE}`, path);
  }
  for (const [file, record] of Object.entries(manifest.files)) {
    const ok =
      typeof record === "object" &&
      record !== null &&
      SHA256.test(String(record.sha256)) &&
      (record.unconfirmed === undefined || record.unconfirmed === true) &&
      (record.previousSha256 === undefined || SHA256.test(String(record.previousSha256)));
    if (!ok) {
      throw new ArchiveError(
        "E_ARCHIVE_CORRUPT",
        `${path}: the checksum record of ${file} is malformed (${JSON.stringify(record)?.slice(0, 200)}). ${RESTORE}`,
        path,
      );
    }
  }
}

function watermarkError(
  path: string,
  name: string,
  field: string,
  value: unknown,
  expected: string,
): ArchiveError {
  const shown = JSON.stringify(value)?.slice(0, 200) ?? String(value);
  return new ArchiveError(
    "E_ARCHIVE_WATERMARK",
    `Archive manifest ${path}: dataset ${name} has ${field} ${shown}, which is not ${expected}. Fix: correct the value, or remove the "${name}" entry from "datasets" so the next sync fetches again what the API still holds (archived rows are merged without duplicates).`,
    path,
  );
}

function isInstant(value: unknown): value is string {
  if (typeof value !== "string" || !INSTANT.test(value)) return false;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 19) === value.slice(0, 19);
}

function isDay(value: unknown): value is string {
  return typeof value === "string" && DAY.test(value) && isInstant(`${value}T00:00:00Z`);
}
