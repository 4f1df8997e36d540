/**
 * The layout of an Anaplan audit events frame, declared once. Everything else derives from it:
 * `ANAPLAN_EVENT_SCHEMA` (the Polars types, and through it the archive's Parquet files), the
 * plain parser's readers, the scanners' column buffers and kind codes, and the columns the
 * WebAssembly scanner is told about at start-up (`defineColumn`). Plain data without Polars, so
 * that the scanning worker thread can load it.
 */

/**
 * The Polars type of a column: text, a flag, or a UTC timestamp in milliseconds.
 *
 * @example
 * ```ts
 * const dtype: EventColumnDtype = "DatetimeMsUtc";
 * ```
 */
export type EventColumnDtype = "String" | "Bool" | "DatetimeMsUtc";

/**
 * How a column's JSON value is read, by every parser alike:
 * - `id`: a JSON integer kept as its exact decimal text (past 2^53 too); a string as its text;
 * - `ms`: epoch milliseconds (a JSON integer; the plain parser also reads numeric or ISO text);
 * - `flag`: a JSON boolean (the plain parser also reads the text "true"/"false");
 * - `text`: a JSON string decoded; any other value kept as its JSON text exactly as sent;
 * - `json`: the value's JSON text exactly as sent (not re-serialised).
 *
 * `null` and an absent key are null in every kind. The scanners store `id` and `ms` as Int64.
 *
 * @example
 * ```ts
 * const kind: EventColumnKind = "ms";
 * ```
 */
export type EventColumnKind = "id" | "ms" | "flag" | "text" | "json";

/**
 * One column of the events frame.
 *
 * @example
 * ```ts
 * const spec: EventColumnSpec = { column: "eventDate", field: "eventDate", dtype: "DatetimeMsUtc", kind: "ms" };
 * ```
 */
export interface EventColumnSpec {
  /** The frame's column name. */
  readonly column: string;
  /** The JSON key of an event object the column is read from. */
  readonly field: string;
  /** The column's Polars type. */
  readonly dtype: EventColumnDtype;
  /** How the value is read (and, for the scanners, stored). */
  readonly kind: EventColumnKind;
}

/**
 * The events frame's columns in frame order (README.md, "What each call returns"). `id` is text because ids can
 * exceed 2^53; `additionalAttributes` is the JSON text the server sent, or null.
 *
 * @example
 * ```ts
 * ANAPLAN_EVENT_LAYOUT[0] //=> { column: "id", field: "id", dtype: "String", kind: "id" }
 * ```
 */
export const ANAPLAN_EVENT_LAYOUT: readonly EventColumnSpec[] = Object.freeze(
  (
    [
      ["id", "String", "id"],
      ["eventTypeId", "String", "text"],
      ["userId", "String", "text"],
      ["tenantId", "String", "text"],
      ["objectId", "String", "text"],
      ["objectTypeId", "String", "text"],
      ["objectTenantId", "String", "text"],
      ["message", "String", "text"],
      ["success", "Bool", "flag"],
      ["errorNumber", "String", "text"],
      ["ipAddress", "String", "text"],
      ["userAgent", "String", "text"],
      ["sessionId", "String", "text"],
      ["hostName", "String", "text"],
      ["serviceVersion", "String", "text"],
      ["eventDate", "DatetimeMsUtc", "ms"],
      ["createdDate", "DatetimeMsUtc", "ms"],
      ["eventTimeZone", "String", "text"],
      ["createdTimeZone", "String", "text"],
      ["checksum", "String", "text"],
      ["additionalAttributes", "String", "json"],
    ] as const
  ).map(([name, dtype, kind]) => Object.freeze({ column: name, field: name, dtype, kind })),
);

/**
 * The numbers the scanners use for each kind. The WebAssembly scanner (`assembly/scan-events.ts`,
 * which cannot import this file) declares the same numbers as `KIND_*` constants; a test
 * (`event-layout.test.ts`) checks that both agree.
 *
 * @example
 * ```ts
 * SCANNER_KIND_CODES.json //=> 4
 * ```
 */
export const SCANNER_KIND_CODES: Readonly<Record<EventColumnKind, number>> = Object.freeze({
  ms: 0,
  id: 1,
  flag: 2,
  text: 3,
  json: 4,
});

/**
 * Whether the scanners store a column as Int64 (`id` and `ms`), as a bitmap (`flag`) or as text.
 *
 * @param kind - the column's kind
 * @returns "int64", "flag" or "text"
 * @example
 * ```ts
 * storageOf("ms") //=> "int64"
 * ```
 */
export function storageOf(kind: EventColumnKind): "int64" | "flag" | "text" {
  return kind === "id" || kind === "ms" ? "int64" : kind === "flag" ? "flag" : "text";
}
