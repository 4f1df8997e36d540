import { PayloadError } from "../errors/payload-error.js";
import { excerpt, type Redactor } from "../http/redact.js";

/** Limits of {@link parseBoundedEpmJson}. */
export interface EpmJsonLimits {
  /** Largest JSON body read, in bytes. @default 16 MiB ({@link EPM_MAX_JSON_BYTES}) */
  maxBytes?: number;
  /** Deepest nesting of arrays and objects. @default 64 ({@link EPM_MAX_JSON_DEPTH}) */
  maxDepth?: number;
}

/**
 * Default largest EPM JSON body: 16 MiB (a file listing of ~100 000 files fits).
 *
 * @example
 * ```ts
 * EPM_MAX_JSON_BYTES //=> 16 * 1024 * 1024
 * ```
 */
export const EPM_MAX_JSON_BYTES = 16 * 1024 * 1024;
/**
 * Default deepest EPM JSON nesting: 64 (EPM's envelopes nest 4 deep).
 *
 * @example
 * ```ts
 * EPM_MAX_JSON_DEPTH //=> 64
 * ```
 */
export const EPM_MAX_JSON_DEPTH = 64;

/**
 * Parses a JSON body from EPM within bounds: the size is checked first, then one linear scan
 * measures the nesting (strings and escapes skipped) and stops at the first level past the
 * limit, so a body nested thousands deep ends in a PayloadError instead of a RangeError in
 * whatever walks the value later. Only then is it parsed.
 *
 * @param bytes - the body
 * @param what - operation and URL, for messages (e.g. `job status of Group Assignment Audit report job`)
 * @param redactor - scrubs secrets from the excerpt
 * @param limits - size and depth limits
 * @returns the parsed value
 * @throws {@link PayloadError} when the body is too large, too deep, or not JSON; the message
 * carries the numbers (bytes or depth, and the limit)
 * @example
 * ```ts
 * parseBoundedEpmJson(Buffer.from('{"status":0}'), "listing", new Redactor()) //=> { status: 0 }
 * parseBoundedEpmJson(Buffer.from("[".repeat(100)), "listing", new Redactor())
 * //=> throws PayloadError: Oracle EPM listing answered JSON nested more than 64 levels deep …
 * ```
 */
export function parseBoundedEpmJson(
  bytes: Uint8Array,
  what: string,
  redactor: Redactor,
  limits: EpmJsonLimits = {},
): unknown {
  const maxBytes = limits.maxBytes ?? EPM_MAX_JSON_BYTES;
  const maxDepth = limits.maxDepth ?? EPM_MAX_JSON_DEPTH;
  if (bytes.length > maxBytes) {
    throw new PayloadError(
      `Oracle EPM ${what} answered a JSON body of ${bytes.length} bytes, more than the ${maxBytes} allowed (maxJsonBytes). Nothing was parsed; raise maxJsonBytes if the service really sends that much.`,
      redactor.scrub(excerpt(bytes)),
    );
  }
  const at = nestingPastLimit(bytes, maxDepth);
  if (at !== undefined) {
    throw new PayloadError(
      `Oracle EPM ${what} answered JSON nested more than ${maxDepth} levels deep (level ${maxDepth + 1} opens at byte ${at}) — not an EPM envelope. Nothing was parsed; check the URL and any proxy in between.`,
      redactor.scrub(excerpt(bytes)),
    );
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PayloadError(
      `Oracle EPM ${what} answered with a body that is not JSON${looksHtml(text) ? " (looks like an HTML page)" : ""}. Check the URL (it must be the service URL without /epmcloud) and try again.`,
      redactor.scrub(excerpt(text)),
      { cause: error instanceof Error ? new Error(error.message.slice(0, 200)) : undefined },
    );
  }
}

/** The offset where the nesting first goes past `max`, or undefined when it stays within it. */
function nestingPastLimit(bytes: Uint8Array, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) {
      if (++depth > max) return i;
    } else if (b === 0x5d || b === 0x7d) depth--;
  }
  return undefined;
}

function looksHtml(text: string): boolean {
  return /^\s*</.test(text);
}
