import pl, { type DataType } from "nodejs-polars";
import { ANAPLAN_EVENT_LAYOUT, type EventColumnDtype } from "./event-layout.js";

/** The Polars Datetime type of every timestamp column of the kit: milliseconds, UTC. */
export const UTC_MS: DataType = pl.Datetime("ms", "UTC");

const POLARS_TYPES: Readonly<Record<EventColumnDtype, DataType>> = {
  String: pl.String,
  Bool: pl.Bool,
  DatetimeMsUtc: UTC_MS,
};

/**
 * Column names and types of an Anaplan audit events frame, in frame order (README.md, "What each call returns"),
 * derived from {@link ANAPLAN_EVENT_LAYOUT}. `id` is text because ids can exceed 2^53;
 * `additionalAttributes` is the JSON text the server sent, or null.
 *
 * @example
 * ```ts
 * Object.keys(ANAPLAN_EVENT_SCHEMA)[0] //=> "id"
 * ```
 */
export const ANAPLAN_EVENT_SCHEMA: Readonly<Record<string, DataType>> = Object.freeze(
  Object.fromEntries(ANAPLAN_EVENT_LAYOUT.map((c) => [c.column, POLARS_TYPES[c.dtype]])),
);

/**
 * Column names and types of an Anaplan users frame, in frame order (README.md, "What each call returns").
 *
 * @example
 * ```ts
 * Object.keys(ANAPLAN_USER_SCHEMA) //=> ["id", "email", "firstName", "lastName", "active", "emailOptIn", "customerId", "lastLoginDate"]
 * ```
 */
export const ANAPLAN_USER_SCHEMA: Readonly<Record<string, DataType>> = Object.freeze({
  id: pl.String,
  email: pl.String,
  firstName: pl.String,
  lastName: pl.String,
  active: pl.Bool,
  emailOptIn: pl.Bool,
  customerId: pl.String,
  lastLoginDate: UTC_MS,
});

/** A column's values before it becomes a Series: text, flags or epoch milliseconds. */
export type ColumnValues = Array<string | null> | Array<boolean | null> | Array<number | null>;

/**
 * Builds a frame from column arrays with an explicit schema: every column of `schema`, in its
 * order and type, even when there are no rows. Datetime columns take epoch milliseconds.
 *
 * @param schema - column name → Polars type (String, Bool or Datetime("ms", "UTC"))
 * @param columns - column name → values; a missing column becomes all nulls
 * @param height - number of rows
 * @returns the frame
 * @example
 * ```ts
 * frameFromColumns({ id: pl.String }, { id: ["1"] }, 1).height //=> 1
 * ```
 */
export function frameFromColumns(
  schema: Readonly<Record<string, DataType>>,
  columns: Readonly<Record<string, ColumnValues>>,
  height: number,
): pl.DataFrame {
  const series = Object.entries(schema).map(([name, type]) => {
    const values = columns[name] ?? new Array<null>(height).fill(null);
    if (type.variant === "Datetime") {
      // Int64 epoch ms cast straight to Datetime("ms", "UTC"): same values as casting to a naive
      // Datetime then replaceTimeZone("UTC"), at a fraction of the cost.
      return pl.Series(name, values as Array<number | null>, pl.Int64).cast(pl.Datetime("ms", "UTC"));
    }
    return pl.Series(name, values as unknown[], type);
  });
  return pl.DataFrame(series);
}
