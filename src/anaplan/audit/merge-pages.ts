import pl from "nodejs-polars";
import { ANAPLAN_EVENT_SCHEMA, ANAPLAN_USER_SCHEMA, frameFromColumns } from "../schemas.js";

/**
 * Unions pages of events (from several windows and paging passes) into one frame: one row per
 * id (the first seen), sorted by eventDate then id (numerically). Rows without an id cannot be
 * told apart by id; exact duplicates of them are dropped, the rest kept. Pure.
 *
 * @param frames - page frames with {@link ANAPLAN_EVENT_SCHEMA}
 * @returns the merged frame; zero rows with the full schema when there is nothing
 * @example
 * ```ts
 * mergeEventPages([page1.frame, page2.frame]).height //=> distinct ids across both
 * ```
 */
export function mergeEventPages(frames: readonly pl.DataFrame[]): pl.DataFrame {
  const all = concatOrEmpty(frames, ANAPLAN_EVENT_SCHEMA);
  const withId = all.filter(pl.col("id").isNotNull()).unique({ subset: ["id"], keep: "first" });
  const withoutId = all.filter(pl.col("id").isNull()).unique({ keep: "first", maintainOrder: true });
  return pl
    .concat([withId, withoutId])
    .withColumns(pl.col("id").str.lengths().alias("__idLength"))
    .sort({ by: ["eventDate", "__idLength", "id"], nullsLast: true, maintainOrder: true })
    .drop("__idLength");
}

/**
 * Unions pages of users into one frame: one row per id (the first seen), in the order the
 * server listed them. Pure.
 *
 * @param frames - page frames with {@link ANAPLAN_USER_SCHEMA}
 * @returns the merged frame; zero rows with the full schema when there is nothing
 * @example
 * ```ts
 * mergeUserPages([page1.frame, page2.frame]).height //=> distinct users
 * ```
 */
export function mergeUserPages(frames: readonly pl.DataFrame[]): pl.DataFrame {
  return concatOrEmpty(frames, ANAPLAN_USER_SCHEMA).unique({
    subset: ["id"],
    keep: "first",
    maintainOrder: true,
  });
}

function concatOrEmpty(
  frames: readonly pl.DataFrame[],
  schema: Readonly<Record<string, pl.DataType>>,
): pl.DataFrame {
  const nonEmpty = frames.filter((f) => f.height > 0);
  if (nonEmpty.length === 0) return frameFromColumns(schema, {}, 0);
  return nonEmpty.length === 1 ? nonEmpty[0]! : pl.concat(nonEmpty, { how: "vertical", rechunk: true });
}
