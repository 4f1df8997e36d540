/**
 * The few object storage operations the archive needs. Keys are relative to the archive's
 * prefix. Implemented on S3 by {@link createS3ObjectStore}.
 *
 * @example
 * ```ts
 * const store: ObjectStore = createS3ObjectStore("s3://audit/tenant-a", process.env);
 * await store.put("manifest.json", Buffer.from("{}"));
 * ```
 */
export interface ObjectStore {
  /** A label for messages, e.g. `s3://audit/tenant-a/`. */
  readonly label: string;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Writes (replaces) an object. */
  put(key: string, body: Buffer): Promise<void>;
  /** Writes an object only if none exists under the key (`If-None-Match: *`); false when one does. */
  putIfAbsent(key: string, body: Buffer): Promise<boolean>;
  /** Keys under a sub-prefix (relative to the archive's prefix), bounded. */
  list(under: string): Promise<string[]>;
  /** Deletes an object (no error when it is missing). */
  delete(key: string): Promise<void>;
}

/**
 * The largest object the kit reads or writes: 512 MiB (one day partition is far smaller).
 *
 * @example
 * ```ts
 * if (bytes.length > MAX_OBJECT_BYTES) throw new Error("too large");
 * ```
 */
export const MAX_OBJECT_BYTES = 512 * 1024 * 1024;
/**
 * The most keys a listing returns before it is refused: 100 000 (the data objects of one archive).
 *
 * @example
 * ```ts
 * MAX_LIST_KEYS //=> 100000
 * ```
 */
export const MAX_LIST_KEYS = 100_000;
