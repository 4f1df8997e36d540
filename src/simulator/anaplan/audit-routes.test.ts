import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { type Simulator, startSimulator } from "../start-simulator.js";

const NOW = Date.parse("2026-11-15T12:34:56Z");
const DAY = 86_400_000;

let sim: Simulator;
let token: string;
before(async () => {
  sim = await startSimulator({
    seed: 7,
    clock: { start: NOW, frozen: true },
    anaplan: { eventsPerDay: 1000 },
  });
  token = await login(sim);
});
after(() => sim.close());
beforeEach(() => {
  sim.clock.set(NOW);
  sim.anaplan.clearFaults();
  sim.faults.clear();
});

async function login(s: Simulator): Promise<string> {
  const { email, password } = s.anaplan.credentials;
  const res = await fetch(`${s.anaplan.urls.authUrl}/token/authenticate`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}` },
  });
  return JSON.parse(await res.text()).tokenInfo.tokenValue;
}

async function events(query: string, s = sim, auth = `AnaplanAuthToken ${token}`) {
  const res = await fetch(`${s.anaplan.urls.auditUrl}/events${query}`, { headers: { authorization: auth } });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: text.startsWith("{") ? JSON.parse(text) : undefined,
  };
}

/** Ids exactly as written in the body (JSON.parse would round the 19-digit ones). */
const idsOf = (text: string) => [...text.matchAll(/\{"id":(\d+),/g)].map((m) => m[1]!);

describe("GET /events envelope and paging", () => {
  test("field spellings: meta.paging with offSet, nextOffset, nextUrl, previousUrl; response", async () => {
    const from = NOW - 2 * DAY;
    const to = NOW - DAY;
    const total = sim.anaplan.countEvents({ from, to });
    const first = await events(`?dateFrom=${from}&dateTo=${to}&limit=100`);
    assert.equal(first.status, 200);
    assert.deepEqual(Object.keys(first.json), ["meta", "response"]);
    assert.deepEqual(first.json.meta, {
      paging: {
        currentPageSize: 100,
        totalSize: total,
        offSet: 0,
        nextOffset: 100,
        nextUrl: `${sim.anaplan.urls.auditUrl}/events?dateFrom=${from}&dateTo=${to}&limit=100&offset=100`,
      },
    });
    const last = await events(`?dateFrom=${from}&dateTo=${to}&limit=100&offset=${total - 10}`);
    assert.deepEqual(last.json.meta.paging, {
      currentPageSize: 10,
      totalSize: total,
      offSet: total - 10,
      previousUrl: `${sim.anaplan.urls.auditUrl}/events?dateFrom=${from}&dateTo=${to}&limit=100&offset=${total - 110}`,
    });
    const allowed = new Set([
      "id",
      "eventTypeId",
      "userId",
      "tenantId",
      "objectId",
      "objectTypeId",
      "objectTenantId",
      "message",
      "success",
      "errorNumber",
      "ipAddress",
      "userAgent",
      "hostName",
      "serviceVersion",
      "eventDate",
      "eventTimeZone",
      "createdDate",
      "createdTimeZone",
      "checksum",
      "additionalAttributes",
    ]);
    for (const e of first.json.response) {
      for (const key of Object.keys(e)) assert.ok(allowed.has(key), key);
      assert.equal(typeof e.id, "number");
      assert.equal(e.tenantId, sim.anaplan.tenantId);
      assert.equal(e.eventTimeZone, "UTC");
      assert.ok(e.eventDate >= from && e.eventDate <= to);
      assert.ok(e.createdDate >= e.eventDate);
    }
  });

  test("without limit the page size is 20; without dates the window is the last 30 days", async () => {
    const r = await events("");
    assert.equal(r.json.meta.paging.currentPageSize, 20);
    assert.equal(r.json.response.length, 20);
    assert.equal(r.json.meta.paging.totalSize, sim.anaplan.countEvents());
    assert.match(
      r.json.meta.paging.nextUrl,
      new RegExp(`dateFrom=${NOW - 30 * DAY}&dateTo=${NOW}&limit=20&offset=20$`),
    );
  });

  test("paging through a window returns exactly eventIds(), in order, without duplicates", async () => {
    const from = NOW - 6 * DAY;
    const to = NOW;
    const got: string[] = [];
    for (let offset = 0; ; offset += 1000) {
      const r = await events(`?dateFrom=${from}&dateTo=${to}&limit=1000&offset=${offset}`);
      got.push(...idsOf(r.text));
      if (r.json.meta.paging.nextOffset === undefined) break;
      assert.equal(r.json.meta.paging.nextOffset, offset + 1000);
    }
    assert.deepEqual(got, sim.anaplan.eventIds({ from, to }));
    assert.ok(got.length > 5000);
  });

  test("events are sorted by eventDate then id and only ingested ones are visible", async () => {
    const r = await events(`?intervalInHours=3&limit=10000`);
    const list = r.json.response as Array<{ eventDate: number; createdDate: number }>;
    const ids = idsOf(r.text).map(BigInt);
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1]!;
      const b = list[i]!;
      assert.ok(a.eventDate < b.eventDate || (a.eventDate === b.eventDate && ids[i - 1]! < ids[i]!));
    }
    for (const e of list) assert.ok(e.createdDate <= NOW);
  });

  test("an event is visible only once ingested (createdDate <= now)", async () => {
    const late = sim.anaplan
      .events({ from: NOW - DAY, to: NOW })
      .find((e) => e.createdDate - e.eventDate > 60_000);
    assert.ok(late);
    const query = `?dateFrom=${late.eventDate - 1000}&dateTo=${late.eventDate + 1000}&limit=10000`;
    sim.clock.set(late.eventDate + 30_000);
    assert.ok(!idsOf((await events(query)).text).includes(late.id));
    sim.clock.set(late.createdDate);
    assert.ok(idsOf((await events(query)).text).includes(late.id));
  });

  test("retention: events older than 30 days are gone even when asked for", async () => {
    const r = await events(`?dateFrom=${NOW - 31 * DAY}&dateTo=${NOW - 30 * DAY + 3_600_000}&limit=10000`);
    assert.equal(r.status, 200);
    for (const e of r.json.response) assert.ok(e.eventDate >= NOW - 30 * DAY);
    assert.ok(r.json.response.length > 0 && r.json.response.length < 200);
  });

  test("a 19-digit id beyond 2^53 appears verbatim in the body", async () => {
    const from = NOW - DAY;
    const big = sim.anaplan.eventIds({ from, to: NOW }).filter((id) => id.length === 19);
    assert.ok(big.length > 0);
    assert.ok(BigInt(big[0]!) > 2n ** 53n);
    const r = await events(`?dateFrom=${from}&dateTo=${NOW}&limit=10000`);
    for (const id of big) assert.ok(r.text.includes(`{"id":${id},"eventTypeId"`), id);
  });

  test("type selects a category; an unknown type means all", async () => {
    const q = `?dateFrom=${NOW - DAY}&dateTo=${NOW}&limit=10000`;
    const all = await events(q);
    const authz = await events(`${q}&type=access_control`);
    const unknown = await events(`${q}&type=integration`);
    assert.ok(authz.json.response.length > 0);
    for (const e of authz.json.response) assert.match(e.eventTypeId, /^AUTHZ-/);
    assert.equal(
      authz.json.meta.paging.totalSize,
      sim.anaplan.countEvents({ from: NOW - DAY, type: "access_control" }),
    );
    assert.equal(unknown.text.replace(/&type=integration/g, ""), all.text);
  });

  test("POST /events/search takes from/to in the body", async () => {
    const from = NOW - DAY;
    const res = await fetch(`${sim.anaplan.urls.auditUrl}/events/search?limit=50`, {
      method: "POST",
      headers: { authorization: `AnaplanAuthToken ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ from, to: NOW }),
    });
    const text = await res.text();
    assert.equal(res.status, 200);
    assert.deepEqual(idsOf(text), sim.anaplan.eventIds({ from, to: NOW }).slice(0, 50));
    assert.equal(
      JSON.parse(text).meta.paging.nextUrl,
      `${sim.anaplan.urls.auditUrl}/events/search?limit=50&offset=50`,
    );
  });
});

describe("GET /events errors", () => {
  test("a range over 30 days is a 400 FAILURE_BAD_REQUEST", async () => {
    const r = await events(`?dateFrom=${NOW - 30 * DAY - 1}&dateTo=${NOW}`);
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, {
      status: "FAILURE_BAD_REQUEST",
      statusMessage: "Date range cannot exceed 30 days",
    });
    assert.equal((await events(`?dateFrom=${NOW - 30 * DAY}&dateTo=${NOW}`)).status, 200);
    assert.equal((await events("?intervalInHours=744")).status, 400);
    assert.equal((await events("?intervalInHours=720")).status, 200);
  });

  test("a Bearer header is a 401 'No valid token header found for the request'", async () => {
    const r = await events("", sim, `Bearer ${token}`);
    assert.equal(r.status, 401);
    assert.equal(r.json.statusMessage, "No valid token header found for the request");
    assert.equal((await events("", sim, "AnaplanAuthToken not-a-token")).status, 401);
  });

  test("missingRole: a valid token gets 401 FAILURE_UNAUTHORIZED_USER_ACTION", async () => {
    sim.anaplan.setFaults({ missingRole: true });
    const r = await events("");
    assert.equal(r.status, 401);
    assert.equal(r.json.status, "FAILURE_UNAUTHORIZED_USER_ACTION");
    const users = await fetch(`${sim.anaplan.urls.apiUrl}/users/me`, {
      headers: { authorization: `AnaplanAuthToken ${token}` },
    });
    assert.equal(users.status, 200, "the users API still works");
  });
});
