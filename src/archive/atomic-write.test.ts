import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { TEMP_FILE_PATTERN, writeFileAtomic } from "./atomic-write.js";

describe("writeFileAtomic", () => {
  it("creates the folder, writes the bytes and leaves no temporary file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "atomic-"));
    const path = join(dir, "a", "b", "file.bin");
    await writeFileAtomic(path, Buffer.from("hello"));
    assert.equal(await readFile(path, "utf8"), "hello");
    assert.deepEqual(await readdir(join(dir, "a", "b")), ["file.bin"]);
  });

  it("replaces the old content only at the rename: before it, readers see the old file whole", async () => {
    const dir = await mkdtemp(join(tmpdir(), "atomic-"));
    const path = join(dir, "file.txt");
    await writeFile(path, "old");
    const seen: string[] = [];
    await writeFileAtomic(path, Buffer.from("new content"), {
      beforeRename: async (temp) => {
        seen.push(await readFile(path, "utf8"), await readFile(temp, "utf8"));
        assert.match(temp.slice(dir.length + 1), TEMP_FILE_PATTERN);
      },
    });
    assert.deepEqual(seen, ["old", "new content"]);
    assert.equal(await readFile(path, "utf8"), "new content");
  });

  it("on failure before the rename, keeps the old file and removes the temporary one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "atomic-"));
    const path = join(dir, "file.txt");
    await writeFile(path, "old");
    await assert.rejects(
      writeFileAtomic(path, Buffer.from("new"), {
        beforeRename: () => {
          throw new Error("killed");
        },
      }),
      /killed/,
    );
    assert.equal(await readFile(path, "utf8"), "old");
    assert.deepEqual(await readdir(dir), ["file.txt"]);
  });
});
