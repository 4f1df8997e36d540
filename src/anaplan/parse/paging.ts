/**
 * The paging block of an Anaplan list response (`meta.paging`). The Audit API spells the offset
 * `offSet`, the Integration API `offset`; both are read. Fields the server did not send are
 * undefined (a response may have no `meta` at all).
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
  return {
    currentPageSize: count(p.currentPageSize),
    totalSize: count(p.totalSize),
    offset: count(p.offSet ?? p.offset),
    nextOffset: count(p.nextOffset),
  };
}

function count(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : undefined;
}
