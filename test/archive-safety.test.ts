import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it, type TestContext } from "node:test";
import { ArchiveError } from "../src/archive/archive-error.js";
import type { ArchiveManifest } from "../src/archive/archive-manifest.js";
import { readArchive } from "../src/archive/read-archive.js";
import { settleChecksums } from "../src/archive/settle-checksums.js";
import { type SyncArchiveOptions, syncArchive } from "../src/archive/sync-archive.js";
import { FakeClock, fakeAnaplan, fakeEpm } from "./archive-helpers.js";

// The archive's safety rules, on real files in temporary folders: checked watermarks, a source
// recorded only once its data is written, no writes through symbolic links, system errors as
// ArchiveError, and a SHA-256 per Parquet file verified on every read.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse("2026-11-22T10:00:00Z");
const SINCE = START - 2 * DAY; // a short backfill keeps each sync quick

function tenants() {
  const clock = new FakeClock(START);
  return { clock, anaplan: fakeAnaplan(clock, SINCE).source, epm: fakeEpm(clock, SINCE).source };
}

async function newArchive(): Promise<string> {
  return mkdtemp(join(tmpdir(), "archive-safety-"));
}

async function manifestOf(archive: string): Promise<ArchiveManifest> {
  return JSON.parse(await readFile(join(archive, "manifest.json"), "utf8"));
}

async function editManifest(archive: string, edit: (m: ArchiveManifest) => void): Promise<void> {
  const manifest = await manifestOf(archive);
  edit(manifest);
  await writeFile(join(archive, "manifest.json"), JSON.stringify(manifest, null, 2));
}

async function parquetFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names
    .filter((n) => n.endsWith(".parquet") && !n.split("/").at(-1)?.startsWith("."))
    .map((n) => join(dir, n))
    .sort();
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Asserts an ArchiveError with this code, path and exact message. */
function archiveError(code: string, path: string, message: string) {
  return (error: unknown) => {
    assert.ok(error instanceof ArchiveError, `not an ArchiveError: ${String(error)}`);
    assert.deepEqual({ code: error.code, path: error.path, message: error.message }, { code, path, message });
    return true;
  };
}

describe("archive watermarks are checked", () => {
  it("a coveredTo after the sync's now is refused, naming the file, dataset, value and fix", async () => {
    const archive = await newArchive();
    const { clock, anaplan } = tenants();
    await syncArchive({ archive, anaplan, now: clock.now, since: SINCE });
    await editManifest(archive, (m) => {
      m.datasets.events!.coveredTo = "2026-12-24T00:00:00.000Z";
    });
    const path = join(archive, "manifest.json");
    await assert.rejects(
      syncArchive({ archive, anaplan, now: clock.now }),
      archiveError(
        "E_ARCHIVE_WATERMARK",
        path,
        `Archive manifest ${path}: dataset events has coveredTo 2026-12-24T00:00:00.000Z, after this sync's now (2026-11-22T10:00:00.000Z); the sync would skip everything until then. A sync ran with a clock set ahead, or the file was edited. Fix: set coveredTo to the end of the last sync you trust (not after 2026-11-22T10:00:00.000Z), or remove the "events" entry from "datasets" so the next sync fetches again what the API still holds (archived rows are merged without duplicates).`,
      ),
    );
  });

  it("a lastSnapshot after the sync's day is refused", async () => {
    const archive = await newArchive();
    const { clock, anaplan } = tenants();
    await syncArchive({ archive, anaplan, now: clock.now, since: SINCE });
    await editManifest(archive, (m) => {
      m.datasets.users!.lastSnapshot = "2026-11-23";
    });
    await assert.rejects(syncArchive({ archive, anaplan, now: clock.now }), {
      name: "ArchiveError",
      code: "E_ARCHIVE_WATERMARK",
      path: join(archive, "manifest.json"),
      message:
        /: dataset users has lastSnapshot 2026-11-23, after this sync's day \(2026-11-22\)\. .* Fix: check the system clock;/,
    });
  });

  for (const [label, value, expected] of [
    ["an impossible date", "2026-13-45T00:00:00Z", '"2026-13-45T00:00:00Z"'],
    ["a local time without zone", "2026-11-22T10:00:00", '"2026-11-22T10:00:00"'],
    ["a number", 1_795_000_000_000, "1795000000000"],
  ] as const) {
    it(`a malformed coveredTo (${label}) is refused by sync and read, not a raw RangeError`, async () => {
      const archive = await newArchive();
      const { clock, anaplan } = tenants();
      await syncArchive({ archive, anaplan, now: clock.now, since: SINCE });
      await editManifest(archive, (m) => {
        (m.datasets.events as Record<string, unknown>).coveredTo = value;
      });
      const path = join(archive, "manifest.json");
      const check = archiveError(
        "E_ARCHIVE_WATERMARK",
        path,
        `Archive manifest ${path}: dataset events has coveredTo ${expected}, which is not an ISO UTC time such as 2026-11-22T10:00:00.000Z. Fix: correct the value, or remove the "events" entry from "datasets" so the next sync fetches again what the API still holds (archived rows are merged without duplicates).`,
      );
      await assert.rejects(syncArchive({ archive, anaplan, now: clock.now }), check);
      await assert.rejects(readArchive(archive), check);
    });
  }

  it("a malformed gap is refused", async () => {
    const archive = await newArchive();
    const { clock, anaplan } = tenants();
    await syncArchive({ archive, anaplan, now: clock.now, since: SINCE });
    await editManifest(archive, (m) => {
      m.datasets.events!.gaps = [{ from: "2026-11-20T00:00:00.000Z", to: "2026-11-19T00:00:00.000Z" }];
    });
    await assert.rejects(readArchive(archive), {
      code: "E_ARCHIVE_WATERMARK",
      message:
        /: dataset events has gaps \{"from":"2026-11-20T00:00:00.000Z","to":"2026-11-19T00:00:00.000Z"\}, which is not \{from, to\}: ISO UTC times, from not after to\. Fix:/,
    });
  });
});

describe("the archive's source", () => {
  it("a malformed origin in the manifest is refused, naming the file", async () => {
    const archive = await newArchive();
    const { clock, anaplan } = tenants();
    await syncArchive({ archive, anaplan, now: clock.now, since: SINCE });
    await editManifest(archive, (m) => {
      (m as { origin: unknown }).origin = { epm: 5 };
    });
    const path = join(archive, "manifest.json");
    await assert.rejects(
      readArchive(archive),
      archiveError(
        "E_ARCHIVE_CORRUPT",
        path,
        `${path}: "origin" is not {anaplan?, epm?} with text values ({"epm":5}). Correct it to the source each system was synced from, or remove it (the next sync records the current sources).`,
      ),
    );
  });

  const failingEpm = (epm: SyncArchiveOptions["epm"]) => ({
    ...epm!,
    // A hand-made EPM source that fails like a wrong EPM_URL (the client's error, before any data).
    reports: {
      ...epm!.reports,
      groupAssignmentAudit: () => Promise.reject(new Error("getaddrinfo ENOTFOUND wrong-pod.example.com")),
    },
  });

  it("a first sync whose EPM URL is wrong does not lock the archive to that URL", async () => {
    const archive = await newArchive();
    const { clock, anaplan, epm } = tenants();
    await assert.rejects(
      syncArchive({
        archive,
        anaplan,
        epm: failingEpm(epm),
        now: clock.now,
        since: SINCE,
        origin: { anaplan: "https://audit.anaplan.com/audit/api/1", epm: "https://wrong-pod.example.com" },
      }),
      { message: "getaddrinfo ENOTFOUND wrong-pod.example.com" },
    );
    assert.deepEqual((await manifestOf(archive)).origin, {
      anaplan: "https://audit.anaplan.com/audit/api/1",
    });
    await syncArchive({
      archive,
      anaplan,
      epm,
      now: clock.now,
      origin: { anaplan: "https://audit.anaplan.com/audit/api/1", epm: "https://right-pod.example.com" },
    });
    assert.deepEqual((await manifestOf(archive)).origin, {
      anaplan: "https://audit.anaplan.com/audit/api/1",
      epm: "https://right-pod.example.com",
    });
  });

  it("another source is refused; changeSource records the change and says so", async () => {
    const archive = await newArchive();
    const { clock, epm } = tenants();
    await syncArchive({
      archive,
      epm,
      now: clock.now,
      since: SINCE,
      origin: { epm: "https://a.example.com" },
    });
    const path = join(archive, "manifest.json");
    const options = { archive, epm, now: clock.now, origin: { epm: "https://b.example.com" } };
    await assert.rejects(
      syncArchive(options),
      archiveError(
        "E_ARCHIVE_SOURCE",
        path,
        `This archive holds Oracle EPM data from https://a.example.com, not from https://b.example.com (${path}). Sync each source into its own --archive folder; or, if https://b.example.com is the right source for this archive (the same tenant at a new address, or the recorded one was a mistake), run again with --change-source (syncArchive option changeSource: true).`,
      ),
    );
    const result = await syncArchive({ ...options, changeSource: true });
    assert.deepEqual(result.warnings, [
      `Oracle EPM source changes from https://a.example.com to https://b.example.com (changeSource); the archive keeps the data of both, and the change is recorded in ${path}.`,
    ]);
    const manifest = await manifestOf(archive);
    assert.deepEqual(manifest.origin, { epm: "https://b.example.com" });
    assert.deepEqual(manifest.originChanges, [
      {
        system: "epm",
        from: "https://a.example.com",
        to: "https://b.example.com",
        at: "2026-11-22T10:00:00.000Z",
      },
    ]);
    await syncArchive(options); // the new source is now the recorded one
  });

  it("a source recorded without data (an older kit's failed first run) is named as such", async () => {
    const archive = await newArchive();
    const { clock, anaplan, epm } = tenants();
    await syncArchive({ archive, anaplan, now: clock.now, since: SINCE });
    await editManifest(archive, (m) => {
      m.origin = { epm: "https://wrong-pod.example.com" };
    });
    await assert.rejects(
      syncArchive({ archive, epm, now: clock.now, origin: { epm: "https://right.example.com" } }),
      {
        code: "E_ARCHIVE_SOURCE",
        message:
          /^This archive recorded https:\/\/wrong-pod.example.com as its Oracle EPM source but holds no Oracle EPM data yet, not from https:\/\/right.example.com/,
      },
    );
  });
});

describe("writes never leave the archive folder", () => {
  it("a partition folder linked outside is refused before anything is read or written through it", async () => {
    const archive = await newArchive();
    const outside = await mkdtemp(join(tmpdir(), "outside-"));
    const { clock, anaplan } = tenants();
    await syncArchive({ archive, anaplan, now: clock.now, since: SINCE });
    const today = join(archive, "anaplan/events/date=2026-11-22");
    await rename(today, join(outside, "date=2026-11-22"));
    await symlink(join(outside, "date=2026-11-22"), today);
    const before = await readFile(join(outside, "date=2026-11-22/part-00000.parquet"));
    clock.advance(3 * HOUR);
    await assert.rejects(
      syncArchive({ archive, anaplan, now: clock.now }),
      archiveError(
        "E_ARCHIVE_SYMLINK",
        today,
        `Archive holds a symbolic link: ${today}. The kit never reads or writes through links, so the archive cannot reach outside its folder. Replace the link with a real folder or file (copy the target in), or remove it, and run again.`,
      ),
    );
    assert.deepEqual(await readdir(join(outside, "date=2026-11-22")), ["part-00000.parquet"]);
    assert.ok(before.equals(await readFile(join(outside, "date=2026-11-22/part-00000.parquet"))));
    await assert.rejects(readArchive(archive), { code: "E_ARCHIVE_SYMLINK", path: today });
  });

  it("a linked data file and a linked dataset folder are refused too", async () => {
    const archive = await newArchive();
    const outside = await mkdtemp(join(tmpdir(), "outside-"));
    const { clock, anaplan, epm } = tenants();
    await syncArchive({ archive, anaplan, epm, now: clock.now, since: SINCE });
    const file = join(archive, "anaplan/events/date=2026-11-22/part-00000.parquet");
    await rename(file, join(outside, "events.parquet"));
    await symlink(join(outside, "events.parquet"), file);
    const folder = join(archive, "epm/user-groups");
    await rm(folder, { recursive: true });
    await symlink(outside, folder);
    clock.advance(3 * HOUR);
    await assert.rejects(syncArchive({ archive, anaplan, now: clock.now }), {
      code: "E_ARCHIVE_SYMLINK",
      path: file,
    });
    await assert.rejects(syncArchive({ archive, epm, now: clock.now }), {
      code: "E_ARCHIVE_SYMLINK",
      path: folder,
    });
    assert.deepEqual(await readdir(outside), ["events.parquet"]);
  });
});

describe("system errors become ArchiveError with the path and what to do", () => {
  it("ENOTDIR: an archive path under a regular file", async () => {
    const base = await newArchive();
    await writeFile(join(base, "a-file"), "not a folder");
    const archive = join(base, "a-file", "archive");
    const { clock, anaplan } = tenants();
    await assert.rejects(syncArchive({ archive, anaplan, now: clock.now }), (error: unknown) => {
      assert.ok(error instanceof ArchiveError);
      assert.equal(error.code, "E_ARCHIVE_IO");
      assert.equal(error.path, archive);
      assert.equal(
        error.message,
        `Cannot lock the archive at ${archive} (ENOTDIR). A part of ${archive} is a file where a folder is needed. Move that file away, or choose another --archive folder.`,
      );
      return true;
    });
  });

  /** Mounts a small tmpfs (needs root); skips visibly, with the reason, where mounting is not allowed. */
  async function withTmpfs(t: TestContext, run: (dir: string) => Promise<void>): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), "archive-tmpfs-"));
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", dir], { stdio: "pipe" });
    } catch (error) {
      t.skip(
        `cannot mount a tmpfs here (${String(error).split("\n")[0]}): a real full or read-only disk cannot be made`,
      );
      return;
    }
    try {
      await run(dir);
    } finally {
      execFileSync("umount", [dir]);
    }
  }

  it("ENOSPC on a real full disk (a 2 MiB tmpfs): named, with the fix; the archive stays readable as before", async (t) => {
    await withTmpfs(t, async (dir) => {
      const archive = join(dir, "archive");
      const { clock, anaplan } = tenants();
      await syncArchive({ archive, anaplan, now: clock.now, since: SINCE });
      const before = await manifestOf(archive);
      const rows = (await (await readArchive(archive)).events.collect()).height;
      await fill(join(dir, "filler"));
      clock.advance(6 * HOUR);
      await assert.rejects(syncArchive({ archive, anaplan, now: clock.now }), (error: unknown) => {
        assert.ok(error instanceof ArchiveError);
        assert.equal(error.code, "E_ARCHIVE_IO");
        assert.ok(error.path.startsWith(archive), error.path);
        assert.match(
          error.message,
          /^Cannot [a-z ]+ \/\S+ \(ENOSPC\)\. The disk is full\. Free space on it \(or point --archive at a larger disk\) and run the sync again; the archive is consistent up to its last watermark\.$/,
        );
        return true;
      });
      await rm(join(dir, "filler"));
      assert.deepEqual(await manifestOf(archive), before);
      assert.equal((await (await readArchive(archive)).events.collect()).height, rows);
      assert.deepEqual(
        (await readdir(archive, { recursive: true })).filter((n) => n.includes(".tmp-")),
        [],
        "no temporary file left",
      );
    });
  });

  it("EROFS on a real read-only file system (a tmpfs remounted read-only)", async (t) => {
    await withTmpfs(t, async (dir) => {
      const archive = join(dir, "archive");
      const { clock, anaplan } = tenants();
      await syncArchive({ archive, anaplan, now: clock.now, since: SINCE });
      execFileSync("mount", ["-o", "remount,ro", dir]);
      const lock = join(archive, "sync.lock");
      await assert.rejects(
        syncArchive({ archive, anaplan, now: clock.now }),
        archiveError(
          "E_ARCHIVE_IO",
          lock,
          `Cannot lock the archive at ${lock} (EROFS). The file system is read-only. Remount it read-write, or copy the archive to a writable disk and point --archive there.`,
        ),
      );
      assert.equal((await readArchive(archive)).checksums.unverified.length, 0, "reading still works");
    });
  });
});

/** Writes zeros until the file system is full. */
async function fill(path: string): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024);
  const { open } = await import("node:fs/promises");
  const handle = await open(path, "w");
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, "ENOSPC");
  } finally {
    await handle.close();
  }
}

describe("a SHA-256 per Parquet file", () => {
  it("the manifest records the SHA-256 of every Parquet file, and reads verify them", async () => {
    const archive = await newArchive();
    const { clock, anaplan, epm } = tenants();
    await syncArchive({ archive, anaplan, epm, now: clock.now, since: SINCE });
    clock.advance(DAY);
    await syncArchive({ archive, anaplan, epm, now: clock.now });
    const files = await parquetFiles(archive);
    const expected: Record<string, { sha256: string }> = {};
    for (const file of files)
      expected[file.slice(archive.length + 1)] = { sha256: sha256(await readFile(file)) };
    assert.deepEqual((await manifestOf(archive)).files, expected);
    const read = await readArchive(archive);
    assert.deepEqual(read.checksums, { verified: files.length, unverified: [] });
  });

  it("one flipped byte: read and sync both refuse, naming the file and both checksums", async () => {
    const archive = await newArchive();
    const { clock, anaplan } = tenants();
    await syncArchive({ archive, anaplan, now: clock.now, since: SINCE });
    const file = join(archive, "anaplan/events/date=2026-11-22/part-00000.parquet");
    const bytes = await readFile(file);
    const recorded = sha256(bytes);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    await writeFile(file, bytes);
    const message = `Archive file is damaged or was changed: ${file} has SHA-256 ${sha256(bytes)}, but ${join(archive, "manifest.json")} records ${recorded}. Restore it from a backup; or delete it and run the sync again while the API still holds that day (a deleted snapshot is lost).`;
    await assert.rejects(readArchive(archive), archiveError("E_ARCHIVE_CHECKSUM", file, message));
    clock.advance(3 * HOUR);
    await assert.rejects(
      syncArchive({ archive, anaplan, now: clock.now }),
      archiveError("E_ARCHIVE_CHECKSUM", file, message),
    );
    assert.ok(bytes.equals(await readFile(file)), "the damaged file was not merged into a new one");
  });

  it("a Parquet file the manifest does not record is refused as foreign", async () => {
    const archive = await newArchive();
    const { clock, anaplan } = tenants();
    await syncArchive({ archive, anaplan, now: clock.now, since: SINCE });
    const source = join(archive, "anaplan/events/date=2026-11-22/part-00000.parquet");
    const stranger = join(archive, "anaplan/events/date=2026-01-01/part-00000.parquet");
    await mkdir(join(archive, "anaplan/events/date=2026-01-01"));
    await writeFile(stranger, await readFile(source));
    await assert.rejects(
      readArchive(archive),
      archiveError(
        "E_ARCHIVE_FOREIGN",
        stranger,
        `Archive file ${stranger} is not recorded in ${join(archive, "manifest.json")}, so the kit did not write it. Move it out of the archive folder and run again.`,
      ),
    );
  });

  it("an archive written before checksums: reads list its files as unverified; the next sync records them and says so", async () => {
    const archive = await newArchive();
    const { clock, anaplan } = tenants();
    await syncArchive({ archive, anaplan, now: clock.now, since: SINCE });
    await editManifest(archive, (m) => {
      delete m.files;
    });
    const files = await parquetFiles(archive);
    assert.deepEqual((await readArchive(archive)).checksums, { verified: 0, unverified: files });
    const result = await syncArchive({ archive, anaplan, now: clock.now });
    assert.deepEqual(result.adoptedChecksums, files);
    assert.deepEqual(result.warnings, [
      `Recorded the SHA-256 of ${files.length} Parquet file(s) written before the archive kept checksums; they are trusted as they are now, and any later change to them is detected.`,
    ]);
    assert.deepEqual((await readArchive(archive)).checksums, { verified: files.length, unverified: [] });
  });

  it("records left unconfirmed by a killed sync: read accepts the old or new content; the next sync settles them", async () => {
    const archive = await newArchive();
    const { clock, anaplan } = tenants();
    await syncArchive({ archive, anaplan, now: clock.now, since: SINCE });
    const file = "anaplan/events/date=2026-11-22/part-00000.parquet";
    const actual = sha256(await readFile(join(archive, file)));
    const other = "0".repeat(64);
    // As if killed between the manifest write and the rename (old content in place) ...
    await editManifest(archive, (m) => {
      m.files![file] = { sha256: other, unconfirmed: true, previousSha256: actual };
      m.files!["anaplan/events/date=2026-11-23/part-00000.parquet"] = { sha256: other, unconfirmed: true };
    });
    assert.equal((await readArchive(archive)).checksums.unverified.length, 0);
    const manifest = await manifestOf(archive);
    assert.deepEqual(await settleChecksums(archive, manifest), { adopted: [], changed: true });
    assert.deepEqual(manifest.files?.[file], { sha256: actual }, "reverted to the content in place");
    assert.equal(
      manifest.files?.["anaplan/events/date=2026-11-23/part-00000.parquet"],
      undefined,
      "never created",
    );
    // ... and after the rename (new content in place).
    const after = await manifestOf(archive);
    after.files![file] = { sha256: actual, unconfirmed: true, previousSha256: other };
    await settleChecksums(archive, after);
    assert.deepEqual(after.files?.[file], { sha256: actual });
  });
});
