import { KitError } from "./kit-error.js";

/**
 * One part of a result (a day slice of an events window, or the users list) that is not complete.
 *
 * @example
 * ```ts
 * const gap: ResultGap = { list: "events", from: Date.parse("2026-03-01"), to: Date.parse("2026-03-02"), expected: 500, got: 480, passes: 3 };
 * ```
 */
export interface ResultGap {
  /** What the part is: `"events"` or `"users"`. */
  list: "events" | "users";
  /** Start of the slice (epoch ms, inclusive); undefined for the users list. */
  from: number | undefined;
  /** End of the slice (epoch ms, inclusive); undefined for the users list. */
  to: number | undefined;
  /** Rows the server said the part holds (`totalSize` of the last pass). */
  expected: number;
  /** Distinct rows the kit got for the part, over every pass. */
  got: number;
  /** Full passes made before giving up. */
  passes: number;
}

/**
 * A list's totals never matched after every re-fetch pass (rows kept arriving or disappearing
 * while paging, or the server's counts are wrong): the result would not be complete, so it is
 * not returned. `gaps` says which parts, with the counts. To take partial data on purpose, use
 * `getEventsResult` / `listUsersResult`, which return `{ frame, complete: false, gaps }` instead.
 *
 * @example
 * ```ts
 * try { await anaplan.audit.getEvents(7); }
 * catch (error) { if (error instanceof IncompleteResultError) console.error(error.gaps); }
 * //=> [{ list: "events", from: 1793404800000, to: 1793491199999, expected: 1510, got: 1502, passes: 5 }]
 * ```
 */
export class IncompleteResultError extends KitError {
  override name = "IncompleteResultError";
  /** The incomplete parts, with expected and obtained counts. */
  readonly gaps: readonly ResultGap[];

  constructor(gaps: readonly ResultGap[], options: { cause?: unknown } = {}) {
    const expected = gaps.reduce((n, g) => n + g.expected, 0);
    const got = gaps.reduce((n, g) => n + g.got, 0);
    const parts = gaps
      .slice(0, 5)
      .map((g) =>
        g.from === undefined
          ? `${g.list}: expected ${g.expected}, got ${g.got}`
          : `${new Date(g.from).toISOString()}..${new Date(g.to ?? g.from).toISOString()}: expected ${g.expected}, got ${g.got}`,
      )
      .join("; ");
    super(
      "E_INCOMPLETE",
      `The result is incomplete: ${gaps.length} part(s) never matched the server's totals after ${Math.max(...gaps.map((g) => g.passes), 0)} passes (expected ${expected} rows, got ${got}: ${parts}${gaps.length > 5 ? "; …" : ""}). Fetch again later, or ask for partial data explicitly with getEventsResult / listUsersResult, which return { frame, complete, gaps }.`,
      options,
    );
    this.gaps = gaps;
  }
}
