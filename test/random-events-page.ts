/** Characters that stress the byte scanner: quotes, escapes, braces, commas, colons, unicode. */
const ALPHABET = [
  '"',
  "\\",
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  " ",
  "\n",
  "\t",
  "\u0001",
  "é",
  "日",
  "😀",
  "a",
  "Z",
  "0",
  "/",
];
const TEXT = ["eventTypeId", "userId", "message", "userAgent", "checksum", "hostName", "errorNumber"];

function text(r: () => number, max: number): string {
  let s = "";
  const n = Math.floor(r() * max);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return s;
}

function value(r: () => number, depth: number): unknown {
  const k = r();
  if (depth > 2 || k < 0.35) return text(r, 8);
  if (k < 0.45) return Math.floor(r() * 2 ** 40) * (r() < 0.2 ? -1 : 1);
  if (k < 0.5) return r() < 0.5;
  if (k < 0.55) return null;
  if (k < 0.7) return Array.from({ length: Math.floor(r() * 3) }, () => value(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 4); i > 0; i--) o[r() < 0.05 ? "id" : text(r, 5)] = value(r, depth + 1);
  return o;
}

/**
 * A compact events page as JSON.stringify writes it, ids as bare numbers (some past 2^53), text
 * and attributes full of quotes, escapes, braces and non-ASCII characters: for fuzz tests of the
 * scanners against the plain parser.
 *
 * @param r - a seeded random source
 * @param rows - events in the page
 * @returns the page's bytes
 */
export function randomPage(r: () => number, rows: number): Buffer {
  const events: string[] = [];
  for (let i = 0; i < rows; i++) {
    const e: Record<string, unknown> = {};
    for (const name of TEXT) if (r() < 0.8) e[name] = text(r, 12);
    if (r() < 0.9) e.success = r() < 0.5;
    e.eventDate = 1_781_000_000_000 + Math.floor(r() * 1e9);
    if (r() < 0.9) e.additionalAttributes = r() < 0.1 ? null : value(r, 0);
    const id = r() < 0.3 ? 9_007_199_254_740_993n + BigInt(Math.floor(r() * 1e12)) : BigInt(i + 1);
    events.push(JSON.stringify({ id: "ID", ...e }).replace('"id":"ID"', `"id":${id}`));
  }
  return Buffer.from(
    `{"meta":{"paging":{"currentPageSize":${rows},"totalSize":${rows}}},"response":[${events.join(",")}]}`,
  );
}
