import { ARCHIVE_DATASETS, type ArchiveDatasetName } from "./archive-datasets.js";
import {
  type ArchiveDatasetState,
  type ArchiveManifest,
  type ArchiveOrigin,
  writeManifest,
} from "./archive-manifest.js";
import type { SyncProgress } from "./sync-progress.js";

/** The state one sync run shares between its steps (internal). */
export interface SyncContext {
  archive: string;
  /** "Now" of this run, fixed at its start (epoch ms). */
  now: number;
  /** The clock itself, read again where the API's own "now" matters (retention edges). */
  clock: () => number;
  overlapMs: number;
  /** Nothing older than this is fetched (epoch ms); -Infinity when unset. */
  since: number;
  manifest: ArchiveManifest;
  /** Source labels of this run, recorded per system once that system's data is written. */
  origin: ArchiveOrigin;
  warnings: string[];
  /** Manifest keys of files renamed into place since the last manifest write (to confirm). */
  renamed: string[];
  emit(progress: SyncProgress): Promise<void>;
}

/**
 * Creates a run's context.
 *
 * @param init - archive, now, overlap, manifest and the progress callback
 * @returns the context
 * @example
 * ```ts
 * const ctx = createSyncContext({ archive, now, overlapMs, manifest, onProgress });
 * ```
 */
export function createSyncContext(
  init: Omit<SyncContext, "warnings" | "emit" | "renamed"> & {
    onProgress: ((progress: SyncProgress) => void | Promise<void>) | undefined;
  },
): SyncContext {
  const { onProgress, ...rest } = init;
  const warnings: string[] = [];
  return {
    ...rest,
    warnings,
    renamed: [],
    async emit(progress) {
      if (progress.step === "warning") warnings.push(progress.message);
      await onProgress?.(progress);
    },
  };
}

/**
 * Makes the run's manifest durable: confirms the checksums of files renamed into place since
 * the last write, then writes it atomically.
 *
 * @param ctx - the run
 * @returns once the manifest is on disk
 * @throws ArchiveError `E_ARCHIVE_IO` or `E_ARCHIVE_SYMLINK` naming manifest.json
 * @example
 * ```ts
 * await persistManifest(ctx);
 * ```
 */
export async function persistManifest(ctx: SyncContext): Promise<void> {
  const files = ctx.manifest.files;
  for (const key of ctx.renamed) {
    const record = files?.[key];
    if (files && record) files[key] = { sha256: record.sha256 };
  }
  ctx.renamed.length = 0;
  await writeManifest(ctx.archive, ctx.manifest, {
    beforeRename: (file) =>
      ctx.emit({ step: "temp-written", dataset: "manifest", file, message: `manifest ready: ${file}` }),
  });
}

/**
 * The system a dataset comes from.
 *
 * @param name - a dataset
 * @returns "anaplan" or "epm"
 * @example
 * ```ts
 * systemOf("userLogins") //=> "epm"
 * ```
 */
export function systemOf(name: ArchiveDatasetName): "anaplan" | "epm" {
  return ARCHIVE_DATASETS[name].path.startsWith("anaplan/") ? "anaplan" : "epm";
}

/**
 * Updates a dataset's state and makes the manifest durable. Called only after the data the new
 * state claims is durable itself, so a crash leaves the watermark behind the data, never ahead.
 * The first time a system's data is saved, its source label is recorded (a deliberate change
 * of source is kept in `originChanges`); a run that fails before writing a system's data
 * records nothing for it.
 *
 * @param ctx - the run
 * @param name - the dataset
 * @param state - fields to set
 * @returns once the manifest is on disk
 * @throws the file system's error
 * @example
 * ```ts
 * await saveDatasetState(ctx, "events", { coveredTo: "2026-11-22T10:00:00.000Z" });
 * ```
 */
export async function saveDatasetState(
  ctx: SyncContext,
  name: ArchiveDatasetName,
  state: ArchiveDatasetState,
): Promise<void> {
  ctx.manifest.datasets[name] = { ...ctx.manifest.datasets[name], ...state };
  recordOrigin(ctx, systemOf(name));
  await persistManifest(ctx);
  if (state.coveredTo) {
    await ctx.emit({
      step: "watermark",
      dataset: name,
      coveredTo: state.coveredTo,
      message: `${name}: archived up to ${state.coveredTo}`,
    });
  }
}

/**
 * Notes a span the archive could not cover (no sync ran while the API held it): a warning now,
 * and a gap in the manifest, saved with the dataset's next watermark.
 *
 * @param ctx - the run
 * @param name - the dataset
 * @param from - start of the lost span, epoch ms
 * @param to - end of the lost span, epoch ms
 * @param message - the warning, saying what was lost and how to avoid it
 * @returns once the warning is emitted
 * @example
 * ```ts
 * await recordGap(ctx, "events", watermark, retentionStart, "events: …");
 * ```
 */
export async function recordGap(
  ctx: SyncContext,
  name: ArchiveDatasetName,
  from: number,
  to: number,
  message: string,
): Promise<void> {
  const gap = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  await ctx.emit({ step: "warning", dataset: name, message });
  const state = ctx.manifest.datasets[name];
  ctx.manifest.datasets[name] = { ...state, gaps: [...(state?.gaps ?? []), gap] };
}

function recordOrigin(ctx: SyncContext, system: "anaplan" | "epm"): void {
  const label = ctx.origin[system];
  const recorded = ctx.manifest.origin?.[system];
  if (!label || recorded === label) return;
  if (recorded) {
    const change = { system, from: recorded, to: label, at: new Date(ctx.now).toISOString() };
    ctx.manifest.originChanges = [...(ctx.manifest.originChanges ?? []), change];
  }
  ctx.manifest.origin = { ...ctx.manifest.origin, [system]: label };
}
