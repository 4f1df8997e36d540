import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { type Simulator, startSimulator } from "../start-simulator.js";

const NOW = Date.parse("2026-11-15T12:00:00Z");
const DAY = 86_400_000;

let sim: Simulator;
before(async () => {
  sim = await startSimulator({
    seed: 11,
    clock: { start: NOW, frozen: true },
    anaplan: { eventsPerDay: 1000 },
  });
});
after(() => sim.close());
beforeEach(() => {
  sim.clock.set(NOW);
  sim.anaplan.clearFaults();
  sim.faults.clear();
});

async function login(): Promise<string> {
  const { email, password } = sim.anaplan.credentials;
  const res = await fetch(`${sim.anaplan.urls.authUrl}/token/authenticate`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}` },
  });
  assert.equal(res.status, 201);
  return JSON.parse(await res.text()).tokenInfo.tokenValue;
}

const get = (url: string, token: string) =>
  fetch(url, { headers: { authorization: `AnaplanAuthToken ${token}` } });
/** currentPageSize read from the meta alone (cheaper than parsing 15,000 events). */
const pageSize = async (res: Response) => Number(/"currentPageSize":(\d+)/.exec(await res.text())?.[1]);
const idsOf = (text: string) => [...text.matchAll(/\{"id":(\d+),/g)].map((m) => m[1]!);

describe("Anaplan faults", () => {
  test("pageSizeCap: fewer rows than asked, and paging by nextOffset still covers the window", async () => {
    const token = await login();
    sim.anaplan.setFaults({ pageSizeCap: 300 });
    const from = NOW - DAY;
    const got: string[] = [];
    let offset = 0;
    for (;;) {
      const res = await get(
        `${sim.anaplan.urls.auditUrl}/events?dateFrom=${from}&dateTo=${NOW}&limit=1000&offset=${offset}`,
        token,
      );
      const text = await res.text();
      const paging = JSON.parse(text).meta.paging;
      got.push(...idsOf(text));
      if (paging.nextOffset === undefined) break;
      assert.equal(paging.currentPageSize, 300);
      assert.equal(paging.nextOffset, offset + 300);
      offset = paging.nextOffset;
    }
    assert.deepEqual(got, sim.anaplan.eventIds({ from, to: NOW }));
  });

  test("insertDuringPaging: late events appear inside the window after the first page, once", async () => {
    const token = await login();
    const from = NOW - 2 * DAY;
    const to = NOW - DAY;
    const before = sim.anaplan.eventIds({ from, to });
    sim.anaplan.setFaults({ insertDuringPaging: 5 });
    const url = `${sim.anaplan.urls.auditUrl}/events?dateFrom=${from}&dateTo=${to}&limit=100`;
    const first = JSON.parse(await (await get(url, token)).text());
    assert.equal(first.meta.paging.totalSize, before.length, "the first page does not see them yet");
    const afterIds = sim.anaplan.eventIds({ from, to });
    assert.equal(afterIds.length, before.length + 5);
    const added = afterIds.filter((id) => !before.includes(id));
    assert.equal(added.length, 5);
    const second = JSON.parse(await (await get(`${url}&offset=100`, token)).text());
    assert.equal(second.meta.paging.totalSize, before.length + 5);
    for (const e of sim.anaplan.events({ from, to }).filter((x) => added.includes(x.id))) {
      assert.ok(e.eventDate >= from && e.eventDate <= to);
      assert.equal(e.createdDate, NOW);
    }
    await get(url, token);
    assert.equal(sim.anaplan.eventIds({ from, to }).length, before.length + 5, "fires once");
  });

  test("token expiry: 401 on audit and users until the token is refreshed", async () => {
    sim.anaplan.setFaults({ tokenLifetimeMs: 60_000 });
    const token = await login();
    const audit = `${sim.anaplan.urls.auditUrl}/events?limit=1`;
    const users = `${sim.anaplan.urls.apiUrl}/users?limit=1`;
    assert.equal((await get(audit, token)).status, 200);
    sim.clock.advance(61_000);
    const expired = await get(audit, token);
    assert.equal(expired.status, 401);
    assert.deepEqual(JSON.parse(await expired.text()), {
      status: "FAILURE_BAD_CREDENTIAL",
      statusMessage: "The token has expired",
    });
    assert.equal((await get(users, token)).status, 401);
    const refreshed = await fetch(`${sim.anaplan.urls.authUrl}/token/refresh`, {
      method: "POST",
      headers: { authorization: `AnaplanAuthToken ${token}` },
    });
    assert.equal(refreshed.status, 200);
    assert.equal(JSON.parse(await refreshed.text()).tokenInfo.expiresAt, NOW + 61_000 + 60_000);
    assert.equal((await get(audit, token)).status, 200);
    assert.equal((await get(users, token)).status, 200);
  });

  test("expireTokensNow, and rejectExpiredRefresh forcing a new login", async () => {
    const token = await login();
    sim.anaplan.expireTokensNow();
    assert.equal((await get(`${sim.anaplan.urls.auditUrl}/events`, token)).status, 401);
    sim.anaplan.setFaults({ rejectExpiredRefresh: true });
    const refresh = await fetch(`${sim.anaplan.urls.authUrl}/token/refresh`, {
      method: "POST",
      headers: { authorization: `AnaplanAuthToken ${token}` },
    });
    assert.equal(refresh.status, 401);
    assert.equal((await get(`${sim.anaplan.urls.auditUrl}/events`, await login())).status, 200);
  });

  test("limitOver10000: honour (default), cap, or 204 with no body", async () => {
    const token = await login();
    const url = `${sim.anaplan.urls.auditUrl}/events?limit=15000`;
    assert.equal(await pageSize(await get(url, token)), 15000);
    sim.anaplan.setFaults({ limitOver10000: "cap" });
    assert.equal(await pageSize(await get(url, token)), 10000);
    sim.anaplan.setFaults({ limitOver10000: "no-content" });
    const res = await get(url, token);
    assert.equal(res.status, 204);
    assert.equal(await res.text(), "");
  });

  test("transport faults (sim.faults) hit the Anaplan routes", async () => {
    const token = await login();
    sim.faults.add({ kind: "status", status: 429, retryAfter: 2, service: "anaplan-audit" });
    const limited = await get(`${sim.anaplan.urls.auditUrl}/events`, token);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "2");
    assert.equal((await get(`${sim.anaplan.urls.auditUrl}/events`, token)).status, 200, "used up");

    sim.faults.add({ kind: "html", service: "anaplan-auth" });
    const html = await fetch(`${sim.anaplan.urls.authUrl}/token/authenticate`, { method: "POST" });
    assert.equal(html.status, 502);
    assert.match(await html.text(), /^<html>/);

    sim.faults.add({ kind: "malformed", service: "anaplan-users" });
    const broken = await get(`${sim.anaplan.urls.apiUrl}/users`, token);
    assert.equal(broken.status, 200);
    await assert.rejects(async () => JSON.parse(await broken.text()));

    sim.faults.add({ kind: "truncate", service: "anaplan-audit" });
    await assert.rejects(async () =>
      (await get(`${sim.anaplan.urls.auditUrl}/events?limit=5000`, token)).text(),
    );

    sim.faults.add({ kind: "slow", delayMs: 30, service: "anaplan-audit" });
    const slow = await get(`${sim.anaplan.urls.auditUrl}/events?limit=3`, token);
    assert.equal(slow.status, 200);
    assert.equal(idsOf(await slow.text()).length, 3);
    assert.equal(sim.faults.hits.slow, 1);

    sim.faults.add({ kind: "status", status: 503, service: "anaplan-users", times: 2 });
    assert.equal((await get(`${sim.anaplan.urls.apiUrl}/users`, token)).status, 503);
    assert.equal((await get(`${sim.anaplan.urls.apiUrl}/users`, token)).status, 503);
    assert.equal((await get(`${sim.anaplan.urls.apiUrl}/users`, token)).status, 200);
  });

  test("hostile mode: huge totalSize, oversized pages, ignored offset, paging meta, deep JSON", async () => {
    const token = await login();
    const events = (q: string) =>
      get(`${sim.anaplan.urls.auditUrl}/events?dateFrom=${NOW - DAY}&dateTo=${NOW}&${q}`, token);
    const users = (q: string) => get(`${sim.anaplan.urls.apiUrl}/users?${q}`, token);

    sim.anaplan.setFaults({ hugeTotalSize: Number.MAX_SAFE_INTEGER });
    assert.equal(
      JSON.parse(await (await events("limit=5")).text()).meta.paging.totalSize,
      Number.MAX_SAFE_INTEGER,
    );
    assert.equal(
      JSON.parse(await (await users("limit=5")).text()).meta.paging.totalSize,
      Number.MAX_SAFE_INTEGER,
    );

    sim.anaplan.setFaults({ hugeTotalSize: undefined, oversizedPages: 20 });
    assert.equal(idsOf(await (await events("limit=5")).text()).length, 100);
    assert.equal(JSON.parse(await (await users("limit=1")).text()).users.length, 20);

    sim.anaplan.setFaults({ oversizedPages: undefined, ignoreOffset: true });
    const first = idsOf(await (await events("limit=5&offset=0")).text());
    const later = await (await events("limit=5&offset=50")).text();
    assert.deepEqual(idsOf(later), first, "the same page");
    assert.equal(
      JSON.parse(later.replace(/"id":(\d+)/g, '"id":"$1"')).meta.paging.offSet,
      50,
      "the offset asked is echoed",
    );

    sim.anaplan.setFaults({ ignoreOffset: false, pagingMeta: "missing" });
    assert.equal(JSON.parse(await (await events("limit=5")).text()).meta, undefined);
    assert.equal(JSON.parse(await (await users("limit=5")).text()).meta.paging, undefined);
    sim.anaplan.setFaults({ pagingMeta: "invalid" });
    const invalid = JSON.parse(await (await events("limit=5")).text()).meta.paging;
    assert.deepEqual([invalid.totalSize, invalid.currentPageSize], ["lots", -1]);

    sim.anaplan.setFaults({ pagingMeta: undefined, deepJson: 1000 });
    const deepText = await (await events("limit=2")).text();
    assert.ok(
      deepText.includes(
        `"response":[{"additionalAttributes":${"[".repeat(1000)}1${"]".repeat(1000)},{"id":`,
      ) === false,
    );
    assert.ok(
      deepText.includes(`"response":[{"additionalAttributes":${"[".repeat(1000)}1${"]".repeat(1000)},"id":`),
    );
    const deep = JSON.parse(deepText.replace(/"id":(\d+)/g, '"id":"$1"'));
    assert.equal(deep.response.length, 2);
  });

  test("expireTokensEvery: every n-th data request answered expires every token", async () => {
    const token = await login();
    sim.anaplan.setFaults({ expireTokensEvery: 3 });
    const before = sim.anaplan.counters.auditPages + sim.anaplan.counters.usersPages;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await get(`${sim.anaplan.urls.apiUrl}/users?limit=1`, token)).status);
    const expiredAt = 3 - (before % 3);
    assert.deepEqual(
      statuses,
      statuses.map((_, i) => (i < expiredAt ? 200 : 401)),
    );
  });

  test("transport faults drip and body", async () => {
    const token = await login();
    sim.faults.add({
      kind: "body",
      status: 200,
      body: "<html>login</html>",
      contentType: "text/html",
      service: "anaplan-users",
    });
    const page = await get(`${sim.anaplan.urls.apiUrl}/users`, token);
    assert.deepEqual(
      [page.status, page.headers.get("content-type"), await page.text()],
      [200, "text/html", "<html>login</html>"],
    );
    sim.faults.add({ kind: "drip", chunkBytes: 4000, intervalMs: 5, service: "anaplan-users" });
    const drip = await get(`${sim.anaplan.urls.apiUrl}/users`, token);
    const text = await drip.text();
    assert.equal(JSON.parse(text).users.length, sim.anaplan.users().length, "the whole body, slowly");
    assert.equal(sim.faults.hits.drip, 1);
  });
});
