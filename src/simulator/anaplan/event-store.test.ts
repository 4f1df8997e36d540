import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type Simulator, type StartSimulatorOptions, startSimulator } from "../start-simulator.js";

const NOW = Date.parse("2026-11-15T12:00:00Z");
const DAY = 86_400_000;

const started: Simulator[] = [];
async function sim(options: StartSimulatorOptions): Promise<Simulator> {
  const s = await startSimulator(options);
  started.push(s);
  return s;
}
after(() => Promise.all(started.map((s) => s.close())));

/** The `response` array text of one page (URLs in meta differ between servers). */
async function responseText(s: Simulator, query: string): Promise<string> {
  const { email, password } = s.anaplan.credentials;
  const auth = await fetch(`${s.anaplan.urls.authUrl}/token/authenticate`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}` },
  });
  const token = JSON.parse(await auth.text()).tokenInfo.tokenValue;
  const res = await fetch(`${s.anaplan.urls.auditUrl}/events${query}`, {
    headers: { authorization: `AnaplanAuthToken ${token}` },
  });
  const text = await res.text();
  return text.slice(text.indexOf('"response":'));
}

describe("determinism", () => {
  test("the same seed gives the same bytes whatever the clock and the cache size", async () => {
    const from = NOW - 10 * DAY;
    const query = `?dateFrom=${from}&dateTo=${from + DAY}&limit=10000`;
    const a = await sim({ seed: 21, clock: { start: NOW, frozen: true } });
    const b = await sim({ seed: 21, clock: { start: NOW + 15 * DAY, frozen: true } });
    const tiny = await sim({
      seed: 21,
      clock: { start: NOW, frozen: true },
      anaplan: { cacheBytes: 1, cacheEvents: 1 },
    });
    const other = await sim({ seed: 22, clock: { start: NOW, frozen: true } });
    const bytes = await responseText(a, query);
    assert.ok(bytes.length > 100_000);
    assert.equal(await responseText(b, query), bytes);
    assert.equal(await responseText(tiny, query), bytes);
    assert.equal(await responseText(tiny, query), bytes, "regenerated after eviction");
    assert.notEqual(await responseText(other, query), bytes);
  });

  test("events of the future appear as the clock advances, identical to a tenant started later", async () => {
    const window = { from: NOW + 5 * DAY, to: NOW + 6 * DAY };
    const moving = await sim({ seed: 23, clock: { start: NOW, frozen: true } });
    assert.deepEqual(moving.anaplan.eventIds(window), []);
    moving.clock.advance(20 * DAY);
    const later = await sim({ seed: 23, clock: { start: NOW + 20 * DAY, frozen: true } });
    const ids = moving.anaplan.eventIds(window);
    assert.ok(ids.length > 500);
    assert.deepEqual(later.anaplan.eventIds(window), ids);
    moving.clock.advance(20 * DAY);
    assert.deepEqual(moving.anaplan.eventIds(window), [], "past retention");
  });
});

describe("default tenant", () => {
  let s: Simulator;
  before(async () => {
    s = await sim({ seed: 1, clock: { start: NOW, frozen: true } });
  });

  test("a realistic mix: tens of thousands of events, 2% big ids, INTERNAL and deleted users, nulls, bursts", () => {
    const events = s.anaplan.events();
    assert.ok(events.length > 30_000 && events.length < 60_000, String(events.length));
    const share = (f: (e: (typeof events)[number]) => boolean) => events.filter(f).length / events.length;
    const big = share((e) => e.id.length === 19);
    assert.ok(big > 0.01 && big < 0.03, String(big));
    assert.ok(share((e) => e.id.length === 10) > 0.97);
    assert.ok(share((e) => e.eventTypeId.startsWith("USR-")) > 0.7);
    assert.ok(share((e) => e.eventTypeId.startsWith("AUTHZ-")) > 0.1);
    assert.ok(share((e) => e.eventTypeId === "USR-8") > share((e) => e.eventTypeId === "USR-9"));
    assert.ok(events.some((e) => e.userId.startsWith("INTERNAL_")));
    assert.ok(events.some((e) => s.anaplan.deletedUserIds.includes(e.userId)));
    assert.ok(events.some((e) => e.additionalAttributes === null && e.eventTypeId === "USR-8"));
    assert.ok(events.some((e) => !("additionalAttributes" in e)));
    assert.ok(events.some((e) => e.ipAddress === "NA"));
    for (const e of events.filter((x) => x.success === false)) assert.equal(typeof e.errorNumber, "string");
    const role = events.find((e) => e.eventTypeId === "AUTHZ-3")!;
    const attributes = role.additionalAttributes as Record<string, string>;
    assert.equal(attributes.targetUserId, role.objectId);
    assert.ok(attributes.roleId && attributes.roleName && attributes.targetUserName);
    const failuresByIpHour = new Map<string, number>();
    for (const e of events.filter((x) => x.eventTypeId === "USR-9")) {
      const key = `${e.ipAddress} ${Math.floor(e.eventDate / 3_600_000)}`;
      failuresByIpHour.set(key, (failuresByIpHour.get(key) ?? 0) + 1);
    }
    assert.ok(Math.max(...failuresByIpHour.values()) >= 8, "a burst of failed logins from one address");
    const late = events.filter((e) => e.createdDate - e.eventDate > 10 * 60_000);
    assert.ok(late.length > 0 && late.every((e) => e.createdDate - e.eventDate <= 2 * 3_600_000));
  });
});
