import pl, { type DataFrame } from "nodejs-polars";
import { ValidationError } from "../errors/validation-error.js";
import type { DailyDataset, FrameSchema } from "./archive-datasets.js";
import { schemaOf, typeText } from "./type-text.js";

/** Result of {@link mergeDailyRows}. */
export interface MergeDailyRowsResult {
  /** Archived rows plus the new ones, in the archive's order. */
  merged: DataFrame;
  /** How many incoming rows were new. */
  added: number;
}

const OCCURRENCE = "__occurrence";

/**
 * Adds fetched rows to a partition's archived rows without duplicates. With a key (events:
 * `id`) a row is new when its key is not archived yet, and the archived version wins. Without
 * one (EPM reports, whose rows have no id) rows are compared whole, as a multiset: a row
 * fetched twice is kept once, but two genuinely identical rows (the same failed login twice
 * in one second) stay two. The result is sorted by the date column, then the key or every
 * column, so the same rows always give the same file. Pure.
 *
 * @param archived - the partition's rows, or undefined for a new partition
 * @param incoming - fetched rows (any order; may repeat archived ones)
 * @param dataset - key, date column and schema
 * @returns the merged rows and the count of new ones
 * @throws {@link ValidationError} when `incoming` lacks a column of the schema
 * @example
 * ```ts
 * mergeDailyRows(archived, fetched, ARCHIVE_DATASETS.events).added //=> 42
 * ```
 */
export function mergeDailyRows(
  archived: DataFrame | undefined,
  incoming: DataFrame,
  dataset: DailyDataset,
): MergeDailyRowsResult {
  const columns = Object.keys(dataset.schema);
  const fresh = conformIncoming(incoming, dataset.schema, dataset.path);
  const base = archived ?? fresh.head(0);
  const added = dataset.key
    ? newByKey(archived, fresh, dataset.key)
    : archived && archived.height > 0
      ? newAsMultiset(archived, fresh, columns)
      : fresh;
  const sortBy = dataset.key
    ? [dataset.dateColumn, dataset.key]
    : [dataset.dateColumn, ...columns.filter((c) => c !== dataset.dateColumn)];
  const merged =
    added.height === 0
      ? base
      : sortUnlessOrdered(
          base.height === 0 ? added : pl.concat([base, added], { rechunk: false, how: "vertical" }),
          sortBy,
          dataset.key,
        );
  return { merged, added: added.height };
}

/**
 * Sorts by the date column then the key, unless the rows already are in that order (the API
 * returns events by eventDate, then id, so a new day's rows usually are): checking the order
 * is one pass, while sorting on a text key costs as much as compressing the day. Keys are
 * distinct here, so the sorted order is unique and skipping the sort gives the same rows in
 * the same order. Nulls (which the sort would put first) always take the sorting way.
 */
function sortUnlessOrdered(df: DataFrame, sortBy: string[], key: string | undefined): DataFrame {
  if (key === undefined || sortBy.length !== 2) return df.sort(sortBy);
  const [date, id] = sortBy.map((c) => pl.col(c)) as [pl.Expr, pl.Expr];
  const ordered = date
    .gt(date.shift(1))
    .or(date.eq(date.shift(1)).and(id.gtEq(id.shift(1))))
    .fillNull(true)
    .all();
  const [nulls, inOrder] = df
    .select(date.nullCount().add(id.nullCount()).alias("nulls"), ordered.alias("ordered"))
    .row(0) as [number, boolean];
  return Number(nulls) === 0 && inOrder ? df : df.sort(sortBy);
}

function newByKey(archived: DataFrame | undefined, fresh: DataFrame, key: string): DataFrame {
  const unique = fresh.getColumn(key).isUnique().all() ? fresh : fresh.unique({ subset: key, keep: "first" });
  return archived && archived.height > 0
    ? unique.join(archived.select(key), { on: key, how: "anti" })
    : unique;
}

function newAsMultiset(base: DataFrame, fresh: DataFrame, columns: string[]): DataFrame {
  const number = (df: DataFrame) =>
    df.withColumns(
      pl
        .intRange(0, pl.len())
        .over(columns[0]!, ...columns.slice(1))
        .alias(OCCURRENCE),
    );
  const on = [...columns, OCCURRENCE];
  return number(fresh)
    .join(number(base).select(...on), { on, how: "anti", nullsEqual: true })
    .drop(OCCURRENCE);
}

/**
 * Brings a fetched frame to the dataset's schema: columns in schema order, nothing extra.
 *
 * @param df - a frame from a client
 * @param schema - the dataset schema
 * @param what - dataset name for the message
 * @returns the frame with exactly the schema's columns
 * @throws {@link ValidationError} on a missing column or a different type
 * @example
 * ```ts
 * conformIncoming(events, ARCHIVE_DATASETS.events.schema, "anaplan/events")
 * ```
 */
export function conformIncoming(df: DataFrame, schema: FrameSchema, what: string): DataFrame {
  const actual = schemaOf(df);
  for (const [name, type] of Object.entries(schema)) {
    if (!(name in actual)) {
      throw new ValidationError(
        `Cannot archive ${what}: the frame has no column ${name}. Pass the frame the client returned, unchanged.`,
      );
    }
    if (typeText(actual[name]) !== typeText(type)) {
      throw new ValidationError(
        `Cannot archive ${what}: column ${name} is ${typeText(actual[name])}, expected ${typeText(type)}. Pass the frame the client returned, unchanged.`,
      );
    }
  }
  return df.select(...Object.keys(schema));
}
