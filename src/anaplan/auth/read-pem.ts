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
  let text: string;
  try {
    text = await readFile(source, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unreadable";
    throw new ValidationError(
      `The Anaplan ${what} is neither PEM text nor a readable file (${code}: ${source}). Pass the PEM text or the path of a PEM file.`,
      { cause: error },
    );
  }
  if (!text.includes("-----BEGIN")) {
    throw new ValidationError(
      `The Anaplan ${what} file ${source} holds no PEM block (-----BEGIN …). Convert it to PEM (e.g. openssl x509 -in cert.der -inform der -out cert.pem) and pass that.`,
    );
  }
  return text;
}
