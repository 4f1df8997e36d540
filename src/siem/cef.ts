/**
 * The seven header fields of a CEF record (after `CEF:0`).
 *
 * @example
 * ```ts
 * const header: CefHeader = { vendor: "Example", product: "epm-audit-kit", version: "0.1.0", signature: "self-grant", name: "Self grant", severity: 8 };
 * ```
 */
export interface CefHeader {
  vendor: string;
  product: string;
  version: string;
  /** Signature id: the event code or rule id. */
  signature: string;
  name: string;
  /** 0 (lowest) to 10. */
  severity: number;
}

/**
 * Escapes a CEF header field: backslash and pipe are escaped with a backslash; line breaks
 * (not allowed in the header) become spaces.
 *
 * @param value - the field's text
 * @returns the escaped text
 * @example
 * ```ts
 * cefHeaderField("a|b\\c") //=> "a\\|b\\\\c"
 * ```
 */
export function cefHeaderField(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/[\r\n]+/g, " ");
}

/**
 * Escapes a CEF extension value: backslash and equals sign are escaped with a backslash, and a
 * line feed or carriage return is written as `\n` or `\r` (the pipe needs no escape there).
 *
 * @param value - the value's text
 * @returns the escaped text
 * @example
 * ```ts
 * cefExtensionValue("a=b\nc") //=> "a\\=b\\nc"
 * ```
 */
export function cefExtensionValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/=/g, "\\=").replace(/\r/g, "\\r").replace(/\n/g, "\\n");
}

/**
 * One CEF record: `CEF:0|vendor|product|version|signature|name|severity|key=value …`, with the
 * standard's escaping. Extension keys must be alphanumeric; null and undefined values are left out.
 *
 * @param header - the header fields
 * @param extension - the extension's keys and values, in order
 * @returns the line (no trailing newline)
 * @throws TypeError for a key that is not alphanumeric (a programming error)
 * @example
 * ```ts
 * cefLine({ vendor: "Anaplan, Inc.", product: "Anaplan", version: "null", signature: "USR-8", name: "User login success", severity: 3 }, { suser: "ann" })
 * //=> "CEF:0|Anaplan, Inc.|Anaplan|null|USR-8|User login success|3|suser=ann"
 * ```
 */
export function cefLine(
  header: CefHeader,
  extension: Record<string, string | number | null | undefined>,
): string {
  const head = [header.vendor, header.product, header.version, header.signature, header.name]
    .map(cefHeaderField)
    .join("|");
  const severity = Math.max(0, Math.min(10, Math.round(header.severity)));
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(extension)) {
    if (!/^[A-Za-z0-9]+$/.test(key)) throw new TypeError(`CEF extension keys are alphanumeric: ${key}`);
    if (value === null || value === undefined || value === "") continue;
    pairs.push(`${key}=${cefExtensionValue(String(value))}`);
  }
  return `CEF:0|${head}|${severity}|${pairs.join(" ")}`;
}

/**
 * Reads a CEF line back (header fields and extension pairs), undoing the escaping: what a SIEM's
 * parser does. Used by the tests and by `verify`-style checks of exported files.
 *
 * @param line - one CEF line
 * @returns the header fields and the extension
 * @throws {@link SyntaxError} when the line is not CEF
 * @example
 * ```ts
 * parseCefLine("CEF:0|V|P|1|S|N|3|msg=a\\=b").extension.msg //=> "a=b"
 * ```
 */
export function parseCefLine(line: string): { header: string[]; extension: Record<string, string> } {
  if (!line.startsWith("CEF:")) throw new SyntaxError("not a CEF line");
  const header: string[] = [];
  let field = "";
  let i = 4;
  for (; i < line.length && header.length < 7; i++) {
    const c = line[i]!;
    if (c === "\\" && i + 1 < line.length) field += line[++i];
    else if (c === "|") {
      header.push(field);
      field = "";
    } else field += c;
  }
  if (header.length < 7) throw new SyntaxError("a CEF line has 8 pipe-separated fields");
  const extension: Record<string, string> = {};
  const rest = line.slice(i);
  const keyAt = /(?:^| )([A-Za-z0-9]+)=/g;
  const starts: Array<{ key: string; index: number; valueStart: number }> = [];
  for (let m = keyAt.exec(rest); m; m = keyAt.exec(rest)) {
    if (m.index > 0 && isEscaped(rest, m.index + m[0].length - 1)) continue;
    starts.push({ key: m[1]!, index: m.index, valueStart: m.index + m[0].length });
  }
  starts.forEach((s, n) => {
    const end = n + 1 < starts.length ? starts[n + 1]!.index : rest.length;
    extension[s.key] = unescapeValue(rest.slice(s.valueStart, end));
  });
  return { header: header.slice(1), extension };
}

function isEscaped(text: string, at: number): boolean {
  let slashes = 0;
  for (let j = at - 1; j >= 0 && text[j] === "\\"; j--) slashes++;
  return slashes % 2 === 1;
}

function unescapeValue(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "r" ? "\r" : c));
}
