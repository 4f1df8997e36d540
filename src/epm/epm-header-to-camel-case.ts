/**
 * Turns an EPM report's CSV header into the kit's column name: words split on anything that
 * is not a letter or digit, the first word lowercased, every later word capitalised. Acronyms
 * become ordinary words, so "IP Address" is `ipAddress`, not `iPAddress`. Accents are kept.
 *
 * @param header - a header cell as the report writes it
 * @returns the camelCase column name, or "" when the header has no letters or digits
 * @example
 * ```ts
 * epmHeaderToCamelCase("Performed By")   //=> "performedBy"
 * epmHeaderToCamelCase("Date and Time")  //=> "dateAndTime"
 * epmHeaderToCamelCase("IP Address")     //=> "ipAddress"
 * epmHeaderToCamelCase("User Login")     //=> "userLogin"
 * ```
 */
export function epmHeaderToCamelCase(header: string): string {
  const words = header
    .trim()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
  return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join("");
}
