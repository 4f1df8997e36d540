import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { MANIFEST_FILE } from "../archive-manifest.js";
import type { ArchiveManifest } from "../archive-manifest-types.js";
import type { ObjectStore } from "./object-store.js";
import { ObjectStoreError } from "./object-store-error.js";

/**
 * The manifest as published on object storage: the kit's manifest plus `objects`, the data
 * object's key of every file path (content-addressed: `objects/<sha256>.parquet`). It is the
 * commit point: readers follow it only, so objects it does not name are invisible.
 *
 * @example
 * ```ts
 * const published: PublishedManifest = { format: "epm-audit-kit-archive", version: 1, datasets: {}, objects: {} };
 * ```
 */
export interface PublishedManifest extends ArchiveManifest {
  objects: Record<string, string>;
}

/**
 * Reads the published manifest (undefined for an empty prefix).
 *
 * @param store - the archive's store
 * @returns the manifest with its object map
 * @throws {@link ObjectStoreError} when it is not JSON
 * @example
 * ```ts
 * const manifest = await readPublishedManifest(store);
 * ```
 */
export async function readPublishedManifest(store: ObjectStore): Promise<PublishedManifest | undefined> {
  const bytes = await store.get(MANIFEST_FILE);
  if (bytes === undefined) return undefined;
  try {
    const value = JSON.parse(bytes.toString("utf8")) as PublishedManifest;
    return { ...value, objects: value.objects ?? {} };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ObjectStoreError(
      "other",
      `${store.label}${MANIFEST_FILE} is not valid JSON: restore it or point --archive elsewhere.`,
    );
  }
}

/**
 * Downloads the published archive into a local folder with the local layout (files under
 * their paths, manifest.json without the object map), so the local reader and sync run on it.
 *
 * @param store - the archive's store
 * @param dir - an empty local folder
 * @param keep - which file paths to download @default every file
 * @returns the published manifest (undefined for an empty prefix)
 * @example
 * ```ts
 * await downloadObjectArchive(store, tempDir);
 * ```
 */
export async function downloadObjectArchive(
  store: ObjectStore,
  dir: string,
  keep: (path: string) => boolean = () => true,
): Promise<PublishedManifest | undefined> {
  const published = await readPublishedManifest(store);
  if (!published) return undefined;
  const { objects, ...manifest } = published;
  for (const [path, key] of Object.entries(objects)) {
    if (!keep(path)) continue;
    const bytes = await store.get(key);
    if (bytes === undefined) {
      throw new ObjectStoreError(
        "other",
        `${store.label}${key} (${path}), named by the manifest, is missing: the archive was damaged or is being rewritten; run again.`,
      );
    }
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return published;
}

/**
 * Publishes a local archive: data objects under content-hash keys first (only those not
 * there yet), then the manifest LAST, then deletes the objects the old manifest named and
 * the new one does not. A run killed before the manifest leaves only unreferenced objects.
 *
 * @param store - the archive's store
 * @param dir - the synced local folder
 * @param before - the manifest published before
 * @param hooks - `beforeManifest` runs between the data and the manifest (tests inject a failure there)
 * @returns counts of objects uploaded and deleted
 * @example
 * ```ts
 * await publishObjectArchive(store, tempDir, previous);
 * ```
 */
export async function publishObjectArchive(
  store: ObjectStore,
  dir: string,
  before: PublishedManifest | undefined,
  hooks: { beforeManifest?: () => Promise<void> } = {},
): Promise<{ uploaded: number; deleted: number }> {
  const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), "utf8")) as ArchiveManifest;
  const had = new Set(Object.values(before?.objects ?? {}));
  const objects: Record<string, string> = {};
  let uploaded = 0;
  for (const [path, record] of Object.entries(manifest.files ?? {})) {
    const key = `objects/${record.sha256}.parquet`;
    objects[path] = key;
    if (had.has(key)) continue;
    await store.put(key, await readFile(join(dir, path)));
    had.add(key);
    uploaded += 1;
  }
  await hooks.beforeManifest?.();
  await store.put(MANIFEST_FILE, Buffer.from(`${JSON.stringify({ ...manifest, objects }, null, 2)}\n`));
  const live = new Set(Object.values(objects));
  const stale = (await store.list("objects/")).filter((key) => !live.has(key));
  for (const key of stale) await store.delete(key);
  return { uploaded, deleted: stale.length };
}
