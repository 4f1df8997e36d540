const SECRET_QUERY =
  /^(token|access_token|refresh_token|id_token|password|passwd|pwd|secret|client_secret|sig|signature|key|apikey|api_key|code)$/i;

/**
 * Removes credentials from a URL: user info, and the values of token-like query parameters.
 *
 * @param url - any URL
 * @returns the URL as text, safe to print
 * @example
 * ```ts
 * redactUrl("https://user:pw@h.example/x?token=abc&limit=5")
 * //=> "https://h.example/x?token=%5BREDACTED%5D&limit=5"
 * ```
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch (error) {
    if (error instanceof TypeError) return "<invalid URL>";
    throw error;
  }
  parsed.username = "";
  parsed.password = "";
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_QUERY.test(key)) parsed.searchParams.set(key, "[REDACTED]");
  }
  return parsed.toString();
}

const SECRET_FIELDS =
  /("(?:tokenValue|tokenId|refreshTokenId|refreshToken|access_token|refresh_token|password|privateKey|passphrase|client_secret)"\s*:\s*)"[^"]*"/g;
const AUTH_HEADERS = /\b(AnaplanAuthToken|Bearer|Basic|CACertificate)\s+[A-Za-z0-9._~+/=-]{6,}/g;

/**
 * Scrubs secrets out of text: the values it was told about, secret-looking JSON fields, and
 * Authorization header values. Used on every message and body excerpt the kit produces.
 *
 * @example
 * ```ts
 * const r = new Redactor(); r.add("s3cret");
 * r.scrub('bad password s3cret; {"tokenValue":"abc"}')
 * //=> 'bad password [REDACTED]; {"tokenValue":"[REDACTED]"}'
 * ```
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  /** Registers a secret value; values shorter than 4 characters are ignored (too likely to match by chance). */
  add(secret: string | undefined | null): void {
    if (secret && secret.length >= 4) this.#secrets.add(secret);
  }

  /**
   * Registers secret material of any shape (a key with or without its PEM header, a password
   * with newlines, a token with spaces): the whole value, and each of its lines and
   * whitespace-separated pieces of 8 characters or more, so a part quoted alone is scrubbed too.
   *
   * @example
   * ```ts
   * r.addMaterial("MIIEvQ...\nAbCdEf..."); r.scrub("AbCdEf...") //=> "[REDACTED]"
   * ```
   */
  addMaterial(secret: string | undefined | null): void {
    if (!secret) return;
    this.add(secret);
    this.add(secret.trim());
    for (const piece of secret.split(/\s+/)) if (piece.length >= 8) this.add(piece);
    for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 8) this.add(line.trim());
  }

  /** Returns `text` with every known secret and secret-looking field replaced by `[REDACTED]`. */
  scrub(text: string): string {
    let out = text.replace(SECRET_FIELDS, '$1"[REDACTED]"').replace(AUTH_HEADERS, "$1 [REDACTED]");
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join("[REDACTED]");
      const b64 = Buffer.from(secret).toString("base64");
      if (out.includes(b64)) out = out.split(b64).join("[REDACTED]");
    }
    return out;
  }
}

/**
 * A short single-line excerpt of a body, for error messages.
 *
 * @example
 * ```ts
 * excerpt(Buffer.from("<html>\n<body>Bad gateway</body></html>"), 20) //=> "<html> <body>Bad gat…"
 * ```
 */
export function excerpt(body: Uint8Array | string, max = 200): string {
  const text =
    typeof body === "string"
      ? body.slice(0, max * 2)
      : Buffer.from(body.subarray(0, max * 4)).toString("utf8");
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
