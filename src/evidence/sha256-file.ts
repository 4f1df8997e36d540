import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/**
 * The SHA-256 of a file, read as a stream (a pack's Parquet files may be large), and its size.
 *
 * @param path - the file
 * @returns hex digest and byte count
 * @example
 * ```ts
 * await sha256File("pack/manifest.json") //=> { sha256: "9f86d0…", bytes: 1234 }
 * ```
 */
export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}
