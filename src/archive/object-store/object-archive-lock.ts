import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { ObjectStore } from "./object-store.js";
import { ObjectStoreError } from "./object-store-error.js";

/** The lock object's key under the archive's prefix. */
export const OBJECT_LOCK_KEY = "sync.lock";

/**
 * A held object storage lock.
 *
 * @example
 * ```ts
 * const lock: ObjectArchiveLock = await acquireObjectArchiveLock(store);
 * await lock.release();
 * ```
 */
export interface ObjectArchiveLock {
  /** True when the store honours `If-None-Match: *` (atomic create); false: put-then-verify. */
  atomic: boolean;
  /** Deletes the lock object if it still holds our token. */
  release(): Promise<void>;
}

/**
 * Takes an archive's lock on object storage: `sync.lock` created with a conditional put
 * (`If-None-Match: *`), holding a unique token, pid, host and time. A store that ignores the
 * condition (s3rver, old S3 clones) is detected by creating a probe object twice; it then gets
 * put-then-verify (read back our token), which leaves a small race between two syncs that start
 * at the same moment (documented). A lock is never taken over: a killed sync leaves it, and
 * the message says to delete it when no sync runs.
 *
 * @param store - the archive's store
 * @returns the held lock
 * @throws {@link ObjectStoreError} reason `locked` when another sync holds it
 * @example
 * ```ts
 * const lock = await acquireObjectArchiveLock(store);
 * try { … } finally { await lock.release(); }
 * ```
 */
export async function acquireObjectArchiveLock(store: ObjectStore): Promise<ObjectArchiveLock> {
  const token = randomUUID();
  const body = Buffer.from(
    `${JSON.stringify({ token, pid: process.pid, host: hostname(), startedAt: new Date().toISOString() })}\n`,
  );
  const atomic = await honoursIfNoneMatch(store);
  const taken = atomic ? await store.putIfAbsent(OBJECT_LOCK_KEY, body) : await putThenVerify(store, body);
  if (!taken) throw lockedError(store, await store.get(OBJECT_LOCK_KEY));
  return {
    atomic,
    async release() {
      const current = await store.get(OBJECT_LOCK_KEY);
      if (current?.equals(body)) await store.delete(OBJECT_LOCK_KEY);
    },
  };
}

/** Creates a probe object twice with `If-None-Match: *`: the second must be refused. */
async function honoursIfNoneMatch(store: ObjectStore): Promise<boolean> {
  const probe = `.lock-probe-${randomUUID()}`;
  try {
    await store.putIfAbsent(probe, Buffer.from("probe"));
    return !(await store.putIfAbsent(probe, Buffer.from("probe")));
  } finally {
    await store.delete(probe);
  }
}

async function putThenVerify(store: ObjectStore, body: Buffer): Promise<boolean> {
  if ((await store.get(OBJECT_LOCK_KEY)) !== undefined) return false;
  await store.put(OBJECT_LOCK_KEY, body);
  return (await store.get(OBJECT_LOCK_KEY))?.equals(body) === true;
}

function lockedError(store: ObjectStore, held: Buffer | undefined): ObjectStoreError {
  const who = held ? held.toString("utf8").slice(0, 200).trim() : "a sync that just finished";
  return new ObjectStoreError(
    "locked",
    `Archive ${store.label} is locked by another sync (${who}). Wait for it to finish and run again; if no sync is running (one was killed), delete ${store.label}${OBJECT_LOCK_KEY}.`,
  );
}
