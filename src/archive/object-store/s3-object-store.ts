import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { MAX_LIST_KEYS, MAX_OBJECT_BYTES, type ObjectStore } from "./object-store.js";
import { ObjectStoreError } from "./object-store-error.js";
import { parseS3Uri } from "./s3-uri.js";

/**
 * An {@link ObjectStore} on an S3-compatible service. Settings come from the usual variables:
 * AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL (a custom endpoint; path-style addressing is then
 * used), AWS_REGION (default us-east-1), AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY
 * [+ AWS_SESSION_TOKEN] (else the SDK's default chain).
 *
 * @param location - `s3://bucket/prefix`
 * @param env - environment variables
 * @returns the store
 * @throws ValidationError for a bad URI
 * @example
 * ```ts
 * const store = createS3ObjectStore("s3://audit/tenant-a", process.env);
 * ```
 */
export function createS3ObjectStore(location: string, env: Record<string, string | undefined>): ObjectStore {
  const { bucket, prefix } = parseS3Uri(location);
  const client = new S3Client(clientConfig(env));
  const label = `s3://${bucket}/${prefix}`;
  const call = async <T>(key: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toObjectStoreError(error, label, key);
    }
  };
  return {
    label,
    get: (key) => call(key, () => getObject(client, bucket, prefix + key)),
    async put(key, body) {
      checkSize(body.length, label + key);
      await call(key, () =>
        client.send(new PutObjectCommand({ Bucket: bucket, Key: prefix + key, Body: body })),
      );
    },
    async putIfAbsent(key, body) {
      try {
        await client.send(
          new PutObjectCommand({ Bucket: bucket, Key: prefix + key, Body: body, IfNoneMatch: "*" }),
        );
        return true;
      } catch (error) {
        if (statusOf(error) === 412 || nameOf(error) === "PreconditionFailed") return false;
        throw toObjectStoreError(error, label, key);
      }
    },
    list: (under) => call(under, () => listKeys(client, bucket, prefix, under, label)),
    async delete(key) {
      await call(key, () => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: prefix + key })));
    },
  };
}

function clientConfig(env: Record<string, string | undefined>): S3ClientConfig {
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL;
  const id = env.AWS_ACCESS_KEY_ID;
  const secret = env.AWS_SECRET_ACCESS_KEY;
  return {
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1",
    maxAttempts: 2,
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    ...(id && secret
      ? {
          credentials: {
            accessKeyId: id,
            secretAccessKey: secret,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          },
        }
      : {}),
  };
}

async function getObject(client: S3Client, bucket: string, key: string): Promise<Buffer | undefined> {
  try {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    checkSize(out.ContentLength ?? 0, `s3://${bucket}/${key}`);
    return Buffer.from(await out.Body!.transformToByteArray());
  } catch (error) {
    if (nameOf(error) === "NoSuchKey" || (statusOf(error) === 404 && nameOf(error) !== "NoSuchBucket"))
      return undefined;
    throw error;
  }
}

async function listKeys(
  client: S3Client,
  bucket: string,
  prefix: string,
  under: string,
  label: string,
): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix + under,
        ...(token ? { ContinuationToken: token } : {}),
      }),
    );
    for (const item of out.Contents ?? []) if (item.Key) keys.push(item.Key.slice(prefix.length));
    if (keys.length > MAX_LIST_KEYS) {
      throw new ObjectStoreError(
        "limit",
        `More than ${MAX_LIST_KEYS} objects under ${label}${under}: refused (the kit's bound).`,
      );
    }
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

function checkSize(bytes: number, where: string): void {
  if (bytes > MAX_OBJECT_BYTES) {
    throw new ObjectStoreError(
      "limit",
      `Object ${where} has ${bytes} bytes, more than the kit's bound of ${MAX_OBJECT_BYTES}.`,
    );
  }
}

function nameOf(error: unknown): string {
  return String(
    (error as { name?: unknown; Code?: unknown })?.Code ?? (error as { name?: unknown })?.name ?? "",
  );
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

const CREDENTIALS = [
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "AccessDenied",
  "ExpiredToken",
  "InvalidToken",
  "CredentialsProviderError",
];
const NETWORK = ["ECONNREFUSED", "ENOTFOUND", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "TimeoutError"];

/** Maps an SDK error to a typed one, built from its name and status only (no secret can leak). */
function toObjectStoreError(error: unknown, label: string, key: string): ObjectStoreError {
  if (error instanceof ObjectStoreError) return error;
  const name = nameOf(error);
  const code = String((error as { code?: unknown })?.code ?? "");
  const where = `${label}${key}`;
  if (name === "NoSuchBucket") {
    return new ObjectStoreError(
      "missing-bucket",
      `Bucket of ${label} does not exist. Create it, or fix the bucket name in --archive.`,
    );
  }
  if (CREDENTIALS.includes(name) || statusOf(error) === 403) {
    return new ObjectStoreError(
      "credentials",
      `Object storage refused the credentials (${name || "403"}) for ${where}. Check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) and the bucket's permissions.`,
    );
  }
  if (NETWORK.includes(code) || NETWORK.includes(name) || statusOf(error) === undefined) {
    return new ObjectStoreError(
      "unreachable",
      `Object storage endpoint unreachable for ${where} (${code || name || "no response"}). Check AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_S3) and AWS_REGION.`,
    );
  }
  return new ObjectStoreError(
    "other",
    `Object storage request failed for ${where}: ${name || "error"} (status ${statusOf(error)}).`,
  );
}
