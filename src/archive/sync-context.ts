import type { ArchiveDatasetName } from "./archive-datasets.js";
import { type ArchiveDatasetState, type ArchiveManifest, writeManifest } from "./archive-manifest.js";
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
  warnings: string[];
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
  init: Omit<SyncContext, "warnings" | "emit"> & {
    onProgress: ((progress: SyncProgress) => void | Promise<void>) | undefined;
  },
): SyncContext {
  const { onProgress, ...rest } = init;
  const warnings: string[] = [];
  return {
    ...rest,
    warnings,
    async emit(progress) {
      if (progress.step === "warning") warnings.push(progress.message);
      await onProgress?.(progress);
    },
  };
}

/**
 * Updates a dataset's state and makes the manifest durable. Called only after the data the new
 * state claims is durable itself, so a crash leaves the watermark behind the data, never ahead.
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
  await writeManifest(ctx.archive, ctx.manifest, {
    beforeRename: (file) =>
      ctx.emit({ step: "temp-written", dataset: "manifest", file, message: `manifest ready: ${file}` }),
  });
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
