import pl from "nodejs-polars";
import { inWindow, type TimeWindow } from "./time-window.js";

/**
 * Options of {@link topObjects}.
 *
 * @example
 * ```ts
 * const options: TopObjectsOptions = { n: 10, window: { from: "2026-03-01", to: "2026-04-01" } };
 * ```
 */
export interface TopObjectsOptions {
  /** How many objects to keep. @default 10 */
  n?: number;
  /** Count only these event types. @default all */
  eventTypeIds?: readonly string[];
  /** Only events inside this window. @default all events */
  window?: TimeWindow;
}

/**
 * The objects (models, users, apps, pages…) touched by the most events, and by how many people:
 * where the activity lands. Events without an objectId are not counted.
 *
 * @param events - an Anaplan events frame
 * @param options - how many, which event types, which window
 * @returns `objectId`, `objectTypeId`, `events`, `users` (distinct non-null userId), `lastEvent`;
 *   most events first, ties by objectId
 * @example
 * ```ts
 * topObjects(events, { n: 2 })
 * // ┌──────────┬──────────────┬────────┬───────┬─────────────────────────┐
 * // │ objectId ┆ objectTypeId ┆ events ┆ users ┆ lastEvent               │
 * // ╞══════════╪══════════════╪════════╪═══════╪═════════════════════════╡
 * // │ m1       ┆ MODEL        ┆ 2      ┆ 2     ┆ 2026-11-02 09:00:00 UTC │
 * // │ m2       ┆ MODEL        ┆ 1      ┆ 1     ┆ 2026-11-01 10:00:00 UTC │
 * // └──────────┴──────────────┴────────┴───────┴─────────────────────────┘
 * ```
 */
export function topObjects(events: pl.DataFrame, options: TopObjectsOptions = {}): pl.DataFrame {
  let rows = events.filter(inWindow("eventDate", options.window).and(pl.col("objectId").isNotNull()));
  if (options.eventTypeIds) rows = rows.filter(pl.col("eventTypeId").isIn([...options.eventTypeIds]));
  return rows
    .groupBy("objectId")
    .agg(
      pl.col("objectTypeId").first(),
      pl.len().alias("events"),
      pl.col("userId").dropNulls().nUnique().cast(pl.UInt32).alias("users"),
      pl.col("eventDate").max().alias("lastEvent"),
    )
    .sort(["events", "objectId"], [true, false])
    .head(options.n ?? 10)
    .select("objectId", "objectTypeId", "events", "users", "lastEvent");
}
