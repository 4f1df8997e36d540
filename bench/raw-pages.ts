import { Agent, request } from "undici";
import type { Scenario } from "./scenario.js";

/** A list endpoint to page through: the URL of a page, and how to read its total from the parsed first page. */
interface PagedList<T> {
  url(offset: number): string;
  limit: number;
  parse(body: Buffer): T;
  total(first: T): number;
}

/**
 * Plain undici paging for the baseline contenders (no kit code): sign in with basic auth, then
 * fetch the first page of the events window and of the users list, then every other page with
 * at most `concurrency` requests in flight. Each body is handed to `parse` as it arrives.
 *
 * @returns the parsed pages in offset order, and the JSON bytes downloaded
 */
export async function fetchRawPages<E, U>(
  s: Scenario,
  parseEvents: (body: Buffer) => E,
  eventsTotal: (first: E) => number,
  parseUsers: (body: Buffer) => U,
  usersTotal: (first: U) => number,
): Promise<{ events: E[]; users: U[]; bytes: number }> {
  const agent = new Agent({ connections: s.concurrency, keepAliveTimeout: 10_000 });
  let bytes = 0;
  let active = 0;
  const waiting: Array<() => void> = [];
  const get = async (url: string, headers: Record<string, string>): Promise<Buffer> => {
    if (active >= s.concurrency) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      const res = await request(url, { headers, dispatcher: agent });
      const body = Buffer.from(await res.body.arrayBuffer());
      if (res.statusCode !== 200) throw new Error(`GET ${url} → ${res.statusCode}: ${body.subarray(0, 200)}`);
      bytes += body.length;
      return body;
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
  try {
    const basic = Buffer.from(`${s.email}:${s.password}`).toString("base64");
    const login = await request(`${s.authUrl}/token/authenticate`, {
      method: "POST",
      headers: { authorization: `Basic ${basic}` },
      dispatcher: agent,
    });
    const token = ((await login.body.json()) as { tokenInfo: { tokenValue: string } }).tokenInfo.tokenValue;
    const headers = { authorization: `AnaplanAuthToken ${token}`, accept: "application/json" };
    const all = async <T>(list: PagedList<T>): Promise<T[]> => {
      const first = list.parse(await get(list.url(0), headers));
      const offsets: number[] = [];
      for (let o = list.limit; o < list.total(first); o += list.limit) offsets.push(o);
      const rest = await Promise.all(offsets.map(async (o) => list.parse(await get(list.url(o), headers))));
      return [first, ...rest];
    };
    const from = s.now - s.days * 86_400_000;
    const [events, users] = await Promise.all([
      all({
        url: (o) => `${s.auditUrl}/events?dateFrom=${from}&dateTo=${s.now}&limit=${s.pageSize}&offset=${o}`,
        limit: s.pageSize,
        parse: parseEvents,
        total: eventsTotal,
      }),
      all({
        url: (o) => `${s.apiUrl}/users?limit=5000&offset=${o}`,
        limit: 5000,
        parse: parseUsers,
        total: usersTotal,
      }),
    ]);
    return { events, users, bytes };
  } finally {
    await agent.close();
  }
}
