import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isKitError } from "../errors/kit-error.js";
import { ArchiveError } from "./archive-error.js";
import { acquireArchiveLock, LOCK_FILE } from "./archive-lock.js";

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("acquireArchiveLock", () => {
  it("writes pid, host and time with O_EXCL, refuses a second holder, and frees the lock on release", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lock-"));
    const lock = await acquireArchiveLock(dir);
    const owner = JSON.parse(await readFile(join(dir, LOCK_FILE), "utf8"));
    assert.equal(owner.pid, process.pid);
    assert.equal(owner.host, hostname());
    const error = await acquireArchiveLock(dir).then(
      () => assert.fail("second lock granted"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ArchiveError && isKitError(error));
    assert.equal(error.code, "E_ARCHIVE_LOCKED");
    assert.equal(error.path, join(dir, LOCK_FILE));
    assert.equal(
      error.message,
      `Archive is locked by another sync (process ${process.pid} on host ${hostname()}, since ${owner.startedAt}): ${join(dir, LOCK_FILE)}. Wait for that sync to finish and run again; if no sync is running, delete ${join(dir, LOCK_FILE)}.`,
    );
    await lock.release();
    const again = await acquireArchiveLock(dir);
    await again.release();
  });

  it("waits for a live holder up to waitMs", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lock-"));
    const first = await acquireArchiveLock(dir);
    setTimeout(() => void first.release(), 150);
    const second = await acquireArchiveLock(dir, { waitMs: 5000 });
    assert.equal(JSON.parse(await readFile(second.path, "utf8")).pid, process.pid);
    await second.release();
  });

  it("takes over the lock of a dead process on this host, with a message", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lock-"));
    const pid = deadPid();
    const stale = { pid, host: hostname(), startedAt: "2026-11-01T00:00:00.000Z" };
    await writeFile(join(dir, LOCK_FILE), JSON.stringify(stale));
    const messages: string[] = [];
    const lock = await acquireArchiveLock(dir, { onMessage: (m) => messages.push(m) });
    assert.deepEqual(messages, [
      `Took over a stale archive lock ${join(dir, LOCK_FILE)} left by process ${pid} (no longer running) since 2026-11-01T00:00:00.000Z.`,
    ]);
    await lock.release();
  });

  it("never takes over a lock of another host, whose process it cannot check", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lock-"));
    const other = { pid: deadPid(), host: "other-host", startedAt: "2026-11-01T00:00:00.000Z" };
    await writeFile(join(dir, LOCK_FILE), JSON.stringify(other));
    await assert.rejects(acquireArchiveLock(dir), {
      code: "E_ARCHIVE_LOCKED",
      message: new RegExp(`process ${other.pid} on host other-host, since 2026-11-01T00:00:00.000Z`),
    });
  });

  it("release leaves a lock alone that is no longer its own", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lock-"));
    const lock = await acquireArchiveLock(dir);
    await writeFile(lock.path, "someone else");
    await lock.release();
    assert.equal(await readFile(lock.path, "utf8"), "someone else");
  });
});
