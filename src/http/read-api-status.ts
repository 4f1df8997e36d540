/** The service's own status and message, read from an error body. */
export interface ApiStatus {
  status?: string;
  message?: string;
}

/**
 * Reads the API's own error code and message from a JSON error body, for both vendors:
 * Anaplan `{status, statusMessage}`, Anaplan Integration API `{status: {code, message}}`, EPM interop `{status: 8, details}`, EPM security
 * `{error: {errorcode, errormessage}}`. Returns `{}` for anything else (HTML, text, garbage).
 *
 * @example
 * ```ts
 * readApiStatus(Buffer.from('{"status":"FAILURE_BAD_REQUEST","statusMessage":"Date range cannot exceed 30 days"}'))
 * //=> { status: "FAILURE_BAD_REQUEST", message: "Date range cannot exceed 30 days" }
 * ```
 */
export function readApiStatus(body: Uint8Array): ApiStatus {
  if (body.length === 0 || body.length > 65_536) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString("utf8"));
  } catch (error) {
    // Not JSON (an HTML page, plain text) or absurdly deep: no API status to read.
    if (error instanceof SyntaxError || error instanceof RangeError) return {};
    throw error;
  }
  if (!parsed || typeof parsed !== "object") return {};
  const o = parsed as Record<string, unknown>;
  const out: ApiStatus = {};
  const err = o.error;
  if (err && typeof err === "object") {
    const e = err as Record<string, unknown>;
    if (typeof e.errorcode === "string") out.status = e.errorcode;
    if (typeof e.errormessage === "string") out.message = e.errormessage;
    return out;
  }
  if (o.status && typeof o.status === "object") {
    // Integration API v2: {"status": {"code": 401, "message": "…"}}
    const s = o.status as Record<string, unknown>;
    if (typeof s.code === "string" || typeof s.code === "number") out.status = String(s.code);
    if (typeof s.message === "string") out.message = s.message;
    return out;
  }
  if (typeof o.status === "string" || typeof o.status === "number") out.status = String(o.status);
  const message = o.statusMessage ?? o.details ?? o.message;
  if (typeof message === "string") out.message = message;
  return out;
}
