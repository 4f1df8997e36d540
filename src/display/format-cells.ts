import type pl from "nodejs-polars";
import type { DataType } from "nodejs-polars";

const SHORT_TYPES: Record<string, string> = {
  Utf8: "str",
  String: "str",
  Bool: "bool",
  Boolean: "bool",
  Int8: "i8",
  Int16: "i16",
  Int32: "i32",
  Int64: "i64",
  UInt8: "u8",
  UInt16: "u16",
  UInt32: "u32",
  UInt64: "u64",
  Float32: "f32",
  Float64: "f64",
  Date: "date",
  Categorical: "cat",
  List: "list",
  Struct: "struct",
  Null: "null",
};

/**
 * The short, Polars-style name of a column type: "str", "u32", "datetime[ms, UTC]"…
 *
 * @param dtype - a Polars data type
 * @returns its short name
 * @example
 * ```ts
 * dtypeName(pl.Datetime("ms", "UTC")) //=> "datetime[ms, UTC]"
 * ```
 */
export function dtypeName(dtype: DataType): string {
  const variant = dtype.variant as string;
  if (variant === "Datetime") {
    const { timeUnit, timeZone } = dtype as unknown as { timeUnit?: string; timeZone?: string };
    return `datetime[${[timeUnit ?? "us", timeZone].filter(Boolean).join(", ")}]`;
  }
  return SHORT_TYPES[variant] ?? variant.toLowerCase();
}

const pad = (n: number) => String(n).padStart(2, "0");
const day = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

/**
 * Formats one column's values for reading: dates as "2026-11-02", date-times as
 * "2026-11-02 14:03 UTC" (with seconds when any value in the column has them), whole numbers
 * with thousands separators, nulls as null (the caller decides how to show them).
 *
 * @param series - a column (already cut to the rows to show)
 * @returns one string or null per value
 * @example
 * ```ts
 * formatCells(df.getColumn("eventDate")) //=> ["2026-11-02 14:03 UTC", null]
 * ```
 */
export function formatCells(series: pl.Series): Array<string | null> {
  const variant = series.dtype.variant as string;
  const values: unknown[] = series.toArray();
  if (variant === "Datetime") {
    const dates = values as Array<Date | null>;
    const seconds = dates.some((d) => d !== null && d.getTime() % 60_000 !== 0);
    return dates.map((d) => {
      if (d === null) return null;
      const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(d.getUTCSeconds())}` : ""}`;
      return `${day(d)} ${time} UTC`;
    });
  }
  return values.map((v) => {
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return day(v);
    if (typeof v === "number" || typeof v === "bigint") return NUMBER.format(v);
    if (typeof v === "string") return v;
    if (typeof v === "boolean") return String(v);
    return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));
  });
}
