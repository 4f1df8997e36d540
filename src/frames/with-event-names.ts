import pl from "nodejs-polars";
import { ANAPLAN_EVENT_CATALOG } from "../anaplan/event-catalog.js";

const CODES = ANAPLAN_EVENT_CATALOG.map((e) => e.code);

/** The catalogue column `field` for each row's `eventTypeId`; `fallback` where the code is unknown. */
function lookup(field: "name" | "category" | "privileged", fallback: string | boolean | null): pl.Expr {
  const values = ANAPLAN_EVENT_CATALOG.map((e) => (field === "privileged" ? String(e[field]) : e[field]));
  const text = pl
    .col("eventTypeId")
    // The positional form: the object form of replaceStrict ignores `old` in nodejs-polars 0.25.
    .replaceStrict(CODES, values, pl.lit(null).cast(pl.Utf8), pl.Utf8);
  if (field !== "privileged") return fallback === null ? text : text.fillNull(pl.lit(fallback));
  return text.eq(pl.lit("true"));
}

/**
 * Adds the catalogue's name, category and privileged flag of each event's code, right after
 * `eventTypeId`, so a reader sees "USR-8 · User login success" instead of a bare code. Every
 * row is kept, in order.
 *
 * @param events - any frame with an `eventTypeId` column (Anaplan events, or a helper's output)
 * @returns the frame with `eventName` (Utf8; "(unknown event code)" for a code the catalogue
 *   does not know), `eventCategory` (Utf8, the `type` filter family; null when unknown) and
 *   `privileged` (Boolean; null when unknown) inserted after `eventTypeId`
 * @example
 * ```ts
 * withEventNames(events).select("eventTypeId", "eventName", "privileged")
 * // ┌─────────────┬────────────────────┬────────────┐
 * // │ eventTypeId ┆ eventName          ┆ privileged │
 * // ╞═════════════╪════════════════════╪════════════╡
 * // │ USR-8       ┆ User login success ┆ false      │
 * // │ AUTHZ-3     ┆ Role assigned      ┆ true       │
 * // └─────────────┴────────────────────┴────────────┘
 * ```
 */
export function withEventNames(events: pl.DataFrame): pl.DataFrame {
  const added = ["eventName", "eventCategory", "privileged"];
  const kept = events.columns.filter((c) => !added.includes(c));
  const at = kept.indexOf("eventTypeId") + 1;
  const order = [...kept.slice(0, at), ...added, ...kept.slice(at)];
  return events
    .withColumns(
      lookup("name", "(unknown event code)").alias("eventName"),
      lookup("category", null).alias("eventCategory"),
      lookup("privileged", null).alias("privileged"),
    )
    .select(...order);
}
