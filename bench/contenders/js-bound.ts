import { fetchRawPages } from "../raw-pages.js";
import type { ContenderResult, Scenario } from "../scenario.js";

interface Page {
  meta?: { paging?: { totalSize?: number } };
  response?: unknown[];
  users?: unknown[];
}

/**
 * Contender (a), the JavaScript bound: download every page with undici and `JSON.parse` it,
 * nothing else (the parsed objects are dropped once counted).
 */
export async function jsBound(s: Scenario): Promise<Omit<ContenderResult, "peakRssBytes">> {
  const t0 = performance.now();
  const parse = (body: Buffer) => {
    const page = JSON.parse(body.toString("utf8")) as Page;
    return { total: page.meta?.paging?.totalSize ?? 0, rows: (page.response ?? page.users ?? []).length };
  };
  const { events, bytes } = await fetchRawPages(
    s,
    parse,
    (f) => f.total,
    parse,
    (f) => f.total,
  );
  const ms = performance.now() - t0;
  return { ms, rows: events.reduce((n, p) => n + p.rows, 0), bytes };
}
