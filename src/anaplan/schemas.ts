import pl, { type DataType } from "nodejs-polars";

/** The Polars Datetime type of every timestamp column of the kit: milliseconds, UTC. */
export const UTC_MS: DataType = pl.Datetime("ms", "UTC");

/**
 * Column names and types of an Anaplan audit events frame, in frame order (DESIGN.md "Frames").
 * `id` is text because ids can exceed 2^53; `additionalAttributes` is JSON text or null.
 *
 * @example
 * ```ts
 * Object.keys(ANAPLAN_EVENT_SCHEMA)[0] //=> "id"
 * ```
 */
export const ANAPLAN_EVENT_SCHEMA: Readonly<Record<string, DataType>> = Object.freeze({
  id: pl.String,
  eventTypeId: pl.String,
  userId: pl.String,
  tenantId: pl.String,
  objectId: pl.String,
  objectTypeId: pl.String,
  objectTenantId: pl.String,
  message: pl.String,
  success: pl.Bool,
  errorNumber: pl.String,
  ipAddress: pl.String,
  userAgent: pl.String,
  sessionId: pl.String,
  hostName: pl.String,
  serviceVersion: pl.String,
  eventDate: UTC_MS,
  createdDate: UTC_MS,
  eventTimeZone: pl.String,
  createdTimeZone: pl.String,
  checksum: pl.String,
  additionalAttributes: pl.String,
});

/**
 * The event columns read as plain text from the API's string fields: every text column of
 * {@link ANAPLAN_EVENT_SCHEMA} but `id` (a JSON number kept exact) and `additionalAttributes`
 * (an object turned into JSON text). Both event parsers use this one list.
 *
 * @example
 * ```ts
 * ANAPLAN_EVENT_TEXT_COLUMNS.includes("ipAddress") //=> true
 * ANAPLAN_EVENT_TEXT_COLUMNS.includes("id")        //=> false
 * ```
 */
export const ANAPLAN_EVENT_TEXT_COLUMNS: readonly string[] = Object.freeze(
  Object.entries(ANAPLAN_EVENT_SCHEMA)
    .filter(([name, type]) => type.equals(pl.String) && name !== "id" && name !== "additionalAttributes")
    .map(([name]) => name),
);

/**
 * Column names and types of an Anaplan users frame, in frame order (DESIGN.md "Frames").
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
