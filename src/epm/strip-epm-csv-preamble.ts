/**
 * Removes what EPM puts before a report's CSV header: a UTF-8 byte order mark, and a first
 * line that is one double-quoted token on its own (the encrypted application id of the User
 * Login and User Audit reports). The id line is dropped only when another line follows it, so a
 * one-column, header-only report is left alone.
 *
 * @param text - the file's text
 * @returns the text starting at the header row
 * @example
 * ```ts
 * stripEpmCsvPreamble('\ufeff"QkFTRTY0SUQ="\r\nUser Login,IP Address\n')
 * //=> "User Login,IP Address\n"
 * ```
 */
export function stripEpmCsvPreamble(text: string): string {
  let out = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = out.indexOf("\n");
  if (end > 0) {
    const first = out.slice(0, end).replace(/\r$/, "").trim();
    const rest = out.slice(end + 1);
    if (/^"[^"]*"$/.test(first) && rest.trim().length > 0) out = rest;
  }
  return out;
}
