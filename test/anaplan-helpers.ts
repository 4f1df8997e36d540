import type pl from "nodejs-polars";

/** Values of a column as plain JS (Datetime → ISO text), for exact assertions. */
export function col(frame: pl.DataFrame, name: string): unknown[] {
  return (frame.getColumn(name).toArray() as unknown[]).map((v) => (v instanceof Date ? v.toISOString() : v));
}

/** `name:type` of every column, in order. */
export function schemaOf(frame: pl.DataFrame): string[] {
  return Object.entries(frame.schema).map(([k, v]) => `${k}:${String(v)}`);
}
