import { fetchRawPages } from "../raw-pages.js";
import type { ContenderResult, Scenario } from "../scenario.js";

const TOTAL = /"totalSize":(\d+)/;

/**
 * Not a contender but a gauge: download every page and parse nothing (the total is read with a
 * regex on the first page). Shows how fast the simulator serves, i.e. that it is not what the
 * benchmark measures.
 */
export async function downloadOnly(s: Scenario): Promise<Omit<ContenderResult, "peakRssBytes">> {
  const t0 = performance.now();
  const total = (body: Buffer) => Number(TOTAL.exec(body.toString("latin1", 0, 400))?.[1] ?? 0);
  const parse = (body: Buffer) => ({ total: total(body) });
  const { bytes } = await fetchRawPages(
    s,
    parse,
    (f) => f.total,
    parse,
    (f) => f.total,
  );
  return { ms: performance.now() - t0, rows: 0, bytes };
}
