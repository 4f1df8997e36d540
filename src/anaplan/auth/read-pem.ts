import { readFile } from "node:fs/promises";
import { ValidationError } from "../../errors/validation-error.js";

/**
 * Returns PEM text given either the PEM text itself or a path to a PEM file.
 *
 * @param source - PEM text (it contains `-----BEGIN`) or a file path
 * @param what - what it is, for messages ("certificate", "private key")
 * @returns the PEM text
 * @throws {@link ValidationError} when the file cannot be read or holds no PEM block; the
 * message names the path, never the content
 * @example
 * ```ts
 * await readPem("./certs/anaplan.pem", "certificate") //=> "-----BEGIN CERTIFICATE-----\n…"
 * ```
 */
export async function readPem(source: string, what: string): Promise<string> {
  if (source.includes("-----BEGIN")) return source;
  const fix = `Pass the PEM text (with its -----BEGIN … line) or the path of a PEM file.`;
  if (!looksLikePath(source)) {
    // Key material without its header (or garbage): never echoed, not even in `cause`.
    throw new ValidationError(
      `The Anaplan ${what} is neither PEM text (no -----BEGIN line) nor a file path (the value, ${source.length} characters, is not shown). ${fix}`,
    );
  }
  let text: string;
  try {
    text = await readFile(source, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unreadable";
    throw new ValidationError(
      `The Anaplan ${what} is neither PEM text nor a readable file (${code}: ${source}). ${fix}`,
    );
  }
  if (!text.includes("-----BEGIN")) {
    throw new ValidationError(
      `The Anaplan ${what} file ${source} holds no PEM block (-----BEGIN …). Convert it to PEM (e.g. openssl x509 -in cert.der -inform der -out cert.pem) and pass that.`,
    );
  }
  return text;
}

/**
 * Whether a value could be a file path rather than key material: one line, no spaces around,
 * at most 1024 characters, with a path separator or a file extension, and no run of 40 or more
 * base64 characters (a key body pasted without its header).
 *
 * @example
 * ```ts
 * looksLikePath("./certs/key.pem") //=> true
 * looksLikePath("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC") //=> false
 * ```
 */
export function looksLikePath(value: string): boolean {
  if (value.length === 0 || value.length > 1024 || /[\r\n]/.test(value) || value.trim() !== value)
    return false;
  if (/[A-Za-z0-9+/=]{40,}/.test(value)) return false;
  return /[\\/]/.test(value) || /\.[A-Za-z0-9]{1,8}$/.test(value);
}
