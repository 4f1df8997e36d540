import pl from "nodejs-polars";
import { fetchRawPages } from "../raw-pages.js";
import type { ContenderResult, Scenario } from "../scenario.js";

interface Page {
  meta?: { paging?: { totalSize?: number } };
  response?: Record<string, unknown>[];
  users?: Record<string, unknown>[];
}

/**
 * Contender (b), the naive port of the seed recipe (anaplan-sdk + polars, shared/seeds/000):
 *
 * ```python
 * events, users = await gather(anaplan.audit.get_events(30), anaplan.audit.list_users())
 * df = pl.DataFrame(events, orient="row", infer_schema_length=1_000).join(
 *     pl.DataFrame(users, orient="row").select(pl.col("id").alias("userId"), "first_name", "last_name"),
 *     on="userId", how="left")
 * ```
 *
 * Download, `JSON.parse`, one JS object per row, `pl.DataFrame(rows)` for events and users, left
 * join. (Like a naive JS port, it rounds ids past 2^53: JSON.parse makes them doubles.)
 */
export async function naivePort(s: Scenario): Promise<Omit<ContenderResult, "peakRssBytes">> {
  const t0 = performance.now();
  const parse = (body: Buffer) => JSON.parse(body.toString("utf8")) as Page;
  const total = (p: Page) => p.meta?.paging?.totalSize ?? 0;
  const { events, users, bytes } = await fetchRawPages(s, parse, total, parse, total);
  const eventRows = events.flatMap((p) => p.response ?? []);
  const userRows = users.flatMap((p) => p.users ?? []);
  const df = pl
    .DataFrame(eventRows, { inferSchemaLength: 1000 })
    .join(pl.DataFrame(userRows).select(pl.col("id").alias("userId"), "firstName", "lastName"), {
      on: "userId",
      how: "left",
    });
  const ms = performance.now() - t0;
  return { ms, rows: df.height, bytes };
}
