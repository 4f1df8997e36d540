import { PayloadError } from "../errors/payload-error.js";
import { excerpt, type Redactor } from "../http/redact.js";
import { type EpmJsonLimits, parseBoundedEpmJson } from "./parse-bounded-epm-json.js";

/**
 * One link of an EPM response.
 *
 * @example
 * ```ts
 * const link: EpmLink = { href: "https://epm.example.oraclecloud.com/interop/rest/v1/jobs/42", rel: "Job Status", action: "GET" };
 * ```
 */
export interface EpmLink {
  href: string;
  rel: string;
  action?: string;
}

/**
 * The `{status, details, links, items}` envelope EPM's interop and security APIs answer with.
 * `status`: 0 done, -1 in progress, > 0 failed.
 *
 * @example
 * ```ts
 * const envelope: EpmEnvelope = { status: 0, details: undefined, links: [], items: [], body: {} };
 * ```
 */
export interface EpmEnvelope {
  status: number;
  /** `details` (interop) or `error.errormessage` (security v2), redacted. */
  details: string | undefined;
  links: EpmLink[];
  items: unknown;
  /** The whole parsed body. */
  body: Record<string, unknown>;
}

/**
 * Reads an EPM JSON envelope. `status` may come as a number or a numeric text; `links` as an
 * array (interop) or a single object (security sync APIs).
 *
 * @param bytes - the response body
 * @param what - operation and URL for the error message
 * @param redactor - scrubs secrets from details and excerpts
 * @param limits - largest body and deepest nesting read ({@link parseBoundedEpmJson})
 * @returns the envelope
 * @throws {@link PayloadError} when the body is not JSON, too large, nested too deep, or has no
 * readable status
 * @example
 * ```ts
 * readEpmEnvelope(Buffer.from('{"status":"-1","details":null,"links":[]}'), "job", new Redactor()).status //=> -1
 * ```
 */
export function readEpmEnvelope(
  bytes: Uint8Array,
  what: string,
  redactor: Redactor,
  limits: EpmJsonLimits = {},
): EpmEnvelope {
  const body = parseBoundedEpmJson(bytes, what, redactor, limits);
  const o = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const status = typeof o.status === "string" && o.status.trim() !== "" ? Number(o.status) : o.status;
  if (typeof status !== "number" || !Number.isInteger(status) || status < -1) {
    throw new PayloadError(
      `Oracle EPM ${what} answered JSON without a status EPM uses (0, -1 or a positive code). Check the URL and API version.`,
      redactor.scrub(excerpt(bytes)),
    );
  }
  return { status, details: readDetails(o, redactor), links: readLinks(o.links), items: o.items, body: o };
}

function readDetails(o: Record<string, unknown>, redactor: Redactor): string | undefined {
  const error = o.error as Record<string, unknown> | null | undefined;
  const raw =
    typeof o.details === "string"
      ? o.details
      : error && typeof error === "object"
        ? [error.errorcode, error.errormessage].filter((x) => typeof x === "string").join(": ")
        : undefined;
  if (!raw) return undefined;
  // A server can send megabytes here; a message needs the start.
  const shown = raw.length > 1000 ? `${raw.slice(0, 1000)}… (${raw.length} characters)` : raw;
  return redactor.scrub(shown);
}

function readLinks(links: unknown): EpmLink[] {
  const list = Array.isArray(links) ? links : links && typeof links === "object" ? [links] : [];
  return list.flatMap((l) => {
    const link = l as Record<string, unknown>;
    if (typeof link?.href !== "string") return [];
    const out: EpmLink = { href: link.href, rel: typeof link.rel === "string" ? link.rel : "" };
    if (typeof link.action === "string") out.action = link.action;
    return [out];
  });
}
