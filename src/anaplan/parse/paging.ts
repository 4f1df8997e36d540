/**
 * The paging block of an Anaplan list response (`meta.paging`). The Audit API spells the offset
 * `offSet`, the Integration API `offset`; both are read. Fields the server did not send are
 * undefined (a response may have no `meta` at all).
 *
 * @example
 * ```ts
 * const paging: AnaplanPaging = { currentPageSize: 100, totalSize: 250, offset: 0, nextOffset: 100 };
 * ```
 */
export interface AnaplanPaging {
  /** Rows in this page, as the server reports them. */
  currentPageSize: number | undefined;
  /** Rows in the whole result. */
  totalSize: number | undefined;
  /** Zero-based index of this page's first row. */
  offset: number | undefined;
  /** Offset of the next page, when the server says there is one. */
  nextOffset: number | undefined;
  /**
   * Paging fields the server sent but that are not whole non-negative numbers (e.g.
   * `totalSize: "lots"`, `offSet: -1`), by name; empty when all are valid or absent.
   */
  invalid?: string[];
}

/**
 * Reads `meta.paging` of a parsed Anaplan response.
 *
 * @param root - the parsed JSON body
 * @returns the paging fields, undefined where absent or not numbers
 * @example
 * ```ts
 * readPaging({ meta: { paging: { totalSize: 3, offSet: 0, currentPageSize: 2 } } })
 * //=> { currentPageSize: 2, totalSize: 3, offset: 0, nextOffset: undefined }
 * ```
 */
export function readPaging(root: Record<string, unknown>): AnaplanPaging {
  const meta = root.meta;
  const paging = meta && typeof meta === "object" ? (meta as Record<string, unknown>).paging : undefined;
  const p = paging && typeof paging === "object" ? (paging as Record<string, unknown>) : {};
  const invalid: string[] = [];
  const read = (name: string, value: unknown) => {
    const n = count(value);
    if (n === undefined && value !== undefined && value !== null) invalid.push(name);
    return n;
  };
  const out: AnaplanPaging = {
    currentPageSize: read("currentPageSize", p.currentPageSize),
    totalSize: read("totalSize", p.totalSize),
    offset: read(p.offSet === undefined ? "offset" : "offSet", p.offSet ?? p.offset),
    nextOffset: read("nextOffset", p.nextOffset),
  };
  if (invalid.length > 0) out.invalid = invalid;
  return out;
}

function count(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
