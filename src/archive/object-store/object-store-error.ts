import { KitError } from "../../errors/kit-error.js";

/**
 * Why an object storage call failed: `missing-bucket`, `credentials` (bad key or signature,
 * access denied), `unreachable` (endpoint down or wrong), `limit` (an object or listing past
 * the kit's bounds), `locked` (another sync holds the archive's lock), `other`.
 *
 * @example
 * ```ts
 * const reason: ObjectStoreErrorReason = "credentials";
 * ```
 */
export type ObjectStoreErrorReason =
  | "missing-bucket"
  | "credentials"
  | "unreachable"
  | "limit"
  | "locked"
  | "other";

/**
 * An object storage (S3-compatible) failure. The message names the bucket, key and reason and
 * what to do; it never holds a secret key or session token (the SDK's error is not attached).
 *
 * @example
 * ```ts
 * try { await syncObjectArchive({ archive: "s3://audit/tenant-a" }); }
 * catch (error) { if (error instanceof ObjectStoreError && error.reason === "locked") console.log("busy"); }
 * ```
 */
export class ObjectStoreError extends KitError {
  override name = "ObjectStoreError";
  /** Why it failed. */
  readonly reason: ObjectStoreErrorReason;

  constructor(reason: ObjectStoreErrorReason, message: string) {
    super(reason === "locked" ? "E_OBJECT_STORE_LOCKED" : "E_OBJECT_STORE", message);
    this.reason = reason;
  }
}
