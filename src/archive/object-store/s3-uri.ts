import { ValidationError } from "../../errors/validation-error.js";

/**
 * A parsed `s3://bucket/prefix` location.
 *
 * @example
 * ```ts
 * const uri: S3Uri = { bucket: "audit", prefix: "tenant-a/" };
 * ```
 */
export interface S3Uri {
  bucket: string;
  /** The key prefix, empty or ending in `/`. */
  prefix: string;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * True for an `s3://` archive location (anything else is a local folder).
 *
 * @param location - an `--archive` value
 * @returns whether it names object storage
 * @example
 * ```ts
 * isS3Uri("s3://audit/tenant-a") //=> true
 * ```
 */
export function isS3Uri(location: string): boolean {
  return location.toLowerCase().startsWith("s3://");
}

/**
 * Parses `s3://bucket/prefix` (prefix optional; a trailing `/` is added).
 *
 * @param location - the URI
 * @returns bucket and prefix
 * @throws ValidationError for a bad bucket name, `..`, `//`, or a query or fragment
 * @example
 * ```ts
 * parseS3Uri("s3://audit/tenant-a") //=> { bucket: "audit", prefix: "tenant-a/" }
 * ```
 */
export function parseS3Uri(location: string): S3Uri {
  const rest = isS3Uri(location) ? location.slice(5) : undefined;
  const slash = rest === undefined ? -1 : rest.indexOf("/");
  const bucket = rest === undefined ? "" : slash < 0 ? rest : rest.slice(0, slash);
  const path = rest === undefined || slash < 0 ? "" : rest.slice(slash + 1).replace(/\/+$/, "");
  const bad =
    !BUCKET.test(bucket) ||
    /[?#\\]/.test(path) ||
    path.split("/").some((s) => s === ".." || s === ".") ||
    /\/\//.test(path) ||
    path.startsWith("/");
  if (rest === undefined || bad || (path !== "" && path.split("/").includes(""))) {
    throw new ValidationError(
      `Not a valid object storage location: ${JSON.stringify(location)}. Use s3://bucket/prefix (a lowercase bucket name of 3-63 letters, digits, dots or hyphens; a prefix without "..", "//" or "?").`,
    );
  }
  return { bucket, prefix: path === "" ? "" : `${path}/` };
}
