import { link, mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { ArchiveError } from "./archive-error.js";

/** The lock file's name inside an archive folder. */
export const LOCK_FILE = "sync.lock";

/** Who holds an archive lock (the JSON content of the lock file). */
export interface ArchiveLockOwner {
  pid: number;
  host: string;
  /** ISO time the lock was taken (real wall clock). */
  startedAt: string;
}

/** Options of {@link acquireArchiveLock}. */
export interface AcquireArchiveLockOptions {
  /** How long to wait for a live holder to finish before refusing. @default 0 (refuse at once) */
  waitMs?: number;
  /** Receives a message when a stale lock of a dead process is taken over. @default undefined */
  onMessage?: (message: string) => void;
}

/** A held archive lock. */
export interface ArchiveLock {
  /** The lock file. */
  path: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

const POLL_MS = 100;
const UNREADABLE_STALE_MS = 5000;

/**
 * Takes the archive's lock: `sync.lock`, created with O_EXCL and holding pid, host and time.
 * A lock left by a dead process on this host is taken over (with a message); a live one is
 * waited for up to `waitMs`, then refused with a clear error. Locks of other hosts are never
 * taken over, because their process cannot be checked from here.
 *
 * @param dir - the archive folder (created if missing)
 * @param options - wait time and a message sink
 * @returns the held lock; call `release()` in a finally block
 * @throws {@link ArchiveError} `E_ARCHIVE_LOCKED` when another live sync holds it
 * @example
 * ```ts
 * const lock = await acquireArchiveLock("archive", { waitMs: 2000 });
 * try { … } finally { await lock.release(); }
 * ```
 */
export async function acquireArchiveLock(
  dir: string,
  options: AcquireArchiveLockOptions = {},
): Promise<ArchiveLock> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const me: ArchiveLockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  const text = `${JSON.stringify(me)}\n`;
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    if (await tryCreate(path, text)) return heldLock(path, text);
    const raw = await readFile(path, "utf8").catch(ifMissing(undefined));
    if (raw === undefined) continue; // vanished between our attempt and the read: try again
    const owner = parseOwner(raw);
    if (owner ? owner.host === me.host && !isAlive(owner.pid) : await isOldUnreadable(path)) {
      if (await takeOver(path, raw)) {
        options.onMessage?.(
          owner
            ? `Took over a stale archive lock ${path} left by process ${owner.pid} (no longer running) since ${owner.startedAt}.`
            : `Took over an unreadable archive lock ${path} (a sync killed while taking it).`,
        );
      }
      continue;
    }
    if (Date.now() >= deadline) throw lockedError(path, owner, raw);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function tryCreate(path: string, text: string): Promise<boolean> {
  try {
    const handle = await open(path, "wx");
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Moves the stale lock aside; if what we moved is not the stale lock we saw, puts it back. */
async function takeOver(path: string, staleText: string): Promise<boolean> {
  const aside = `${path}.takeover-${process.pid}`;
  const moved = await rename(path, aside).then(
    () => true,
    ifMissing(false), // someone else moved it first
  );
  if (!moved) return false;
  const content = await readFile(aside, "utf8").catch(ifMissing(""));
  if (content !== staleText) {
    // A fresh lock of another process: give it back (link fails rather than overwrite: EEXIST
    // means a newer lock is in place already, and ours is dropped).
    await link(aside, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
    await unlink(aside).catch(ifMissing(undefined));
    return false;
  }
  await unlink(aside);
  return true;
}

function heldLock(path: string, text: string): ArchiveLock {
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      const current = await readFile(path, "utf8").catch(ifMissing(undefined));
      if (current === text) await unlink(path).catch(ifMissing(undefined));
    },
  };
}

function parseOwner(raw: string): ArchiveLockOwner | undefined {
  let value: Partial<ArchiveLockOwner> | null;
  try {
    value = JSON.parse(raw) as Partial<ArchiveLockOwner> | null;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined; // half-written right now, or not ours: held
    throw error;
  }
  if (typeof value?.pid === "number" && typeof value.host === "string") {
    return { pid: value.pid, host: value.host, startedAt: String(value.startedAt ?? "an unknown time") };
  }
  return undefined;
}

/** An empty or garbled lock older than a few seconds was left by a process killed while writing it. */
async function isOldUnreadable(path: string): Promise<boolean> {
  const info = await stat(path).catch(ifMissing(undefined));
  return info !== undefined && Date.now() - info.mtimeMs > UNREADABLE_STALE_MS;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A rejection handler that turns "no such file" (the lock vanished meanwhile) into `value` and rethrows anything else. */
function ifMissing<T>(value: T): (error: NodeJS.ErrnoException) => T {
  return (error) => {
    if (error.code === "ENOENT") return value;
    throw error;
  };
}

function lockedError(path: string, owner: ArchiveLockOwner | undefined, raw: string): ArchiveError {
  const who = owner
    ? `process ${owner.pid} on host ${owner.host}, since ${owner.startedAt}`
    : `an unknown holder (lock content: ${JSON.stringify(raw.slice(0, 80))})`;
  return new ArchiveError(
    "E_ARCHIVE_LOCKED",
    `Archive is locked by another sync (${who}): ${path}. Wait for that sync to finish and run again; if no sync is running, delete ${path}.`,
    path,
  );
}
