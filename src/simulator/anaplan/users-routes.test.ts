import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type Simulator, startSimulator } from "../start-simulator.js";

const NOW = Date.parse("2026-11-15T12:00:00Z");

let sim: Simulator;
let token: string;
before(async () => {
  // 6000 people → more than 5000 Anaplan accounts, so the list needs two pages.
  sim = await startSimulator({ seed: 5, clock: { start: NOW, frozen: true }, anaplan: { users: 6000 } });
  const { email, password } = sim.anaplan.credentials;
  const res = await fetch(`${sim.anaplan.urls.authUrl}/token/authenticate`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}` },
  });
  token = JSON.parse(await res.text()).tokenInfo.tokenValue;
});
after(() => sim.close());

async function users(query: string, scheme = "AnaplanAuthToken") {
  const res = await fetch(`${sim.anaplan.urls.apiUrl}/users${query}`, {
    headers: { authorization: `${scheme} ${token}` },
  });
  return { status: res.status, json: JSON.parse(await res.text()) };
}

describe("GET /2/0/users", () => {
  test("pages of at most 5000, with offset/next paging, covering exactly users()", async () => {
    const truth = sim.anaplan.users();
    assert.ok(truth.length > 5000);
    const first = await users("?limit=10000");
    assert.equal(first.status, 200);
    assert.deepEqual(Object.keys(first.json), ["meta", "status", "users"]);
    assert.deepEqual(first.json.status, { code: 200, message: "Success" });
    assert.deepEqual(first.json.meta, {
      schema: `${sim.anaplan.urls.apiUrl}/objects/user`,
      paging: {
        currentPageSize: 5000,
        totalSize: truth.length,
        offset: 0,
        next: `${sim.anaplan.urls.apiUrl}/users?limit=10000&offset=5000`,
      },
    });
    const second = await users("?limit=10000&offset=5000");
    assert.equal(second.json.meta.paging.currentPageSize, truth.length - 5000);
    assert.equal(second.json.meta.paging.next, undefined);
    assert.deepEqual([...first.json.users, ...second.json.users], truth);
    assert.equal((await users("")).json.meta.paging.currentPageSize, 5000, "default page size");
  });

  test("user fields; lastLoginDate as yyyy-MM-dd'T'HH:mm:ss.SSS+0000 or absent; deleted users not listed", async () => {
    const list = sim.anaplan.users();
    for (const u of list) {
      assert.deepEqual(
        Object.keys(u).filter((k) => k !== "lastLoginDate"),
        ["id", "active", "email", "emailOptIn", "firstName", "lastName", "customerId"],
      );
      assert.match(u.id, /^[0-9a-f]{32}$/);
      assert.equal(u.customerId, sim.anaplan.tenantId);
      if (u.lastLoginDate !== undefined)
        assert.match(u.lastLoginDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    }
    assert.ok(list.some((u) => u.lastLoginDate === undefined));
    assert.ok(list.some((u) => !u.active));
    assert.ok(sim.anaplan.deletedUserIds.length >= 3);
    const ids = new Set(list.map((u) => u.id));
    for (const id of sim.anaplan.deletedUserIds) assert.ok(!ids.has(id));
  });

  test("/users/me is the auditor; Bearer is accepted; no token is a 401", async () => {
    const me = await fetch(`${sim.anaplan.urls.apiUrl}/users/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = JSON.parse(await me.text());
    assert.equal(me.status, 200);
    assert.equal(body.user.email, "auditor@example.com");
    assert.deepEqual((await users("?limit=1", "Bearer")).json.users, sim.anaplan.users().slice(0, 1));
    assert.equal((await fetch(`${sim.anaplan.urls.apiUrl}/users`)).status, 401);
  });

  test("usersPageSizeCap serves fewer rows and next follows the served size", async () => {
    sim.anaplan.setFaults({ usersPageSizeCap: 250 });
    try {
      const r = await users("?limit=5000&offset=250");
      assert.equal(r.json.meta.paging.currentPageSize, 250);
      assert.equal(r.json.meta.paging.next, `${sim.anaplan.urls.apiUrl}/users?limit=5000&offset=500`);
      assert.deepEqual(r.json.users, sim.anaplan.users().slice(250, 500));
    } finally {
      sim.anaplan.clearFaults();
    }
  });

  test("lastLoginDate is the user's last sign-in event; one planted deactivated user signs in", () => {
    const DAY = 86_400_000;
    const parse = (d: string | undefined) =>
      d === undefined ? undefined : Date.parse(d.replace("+0000", "Z"));
    const lastEvent = new Map<string, number>();
    for (const e of sim.anaplan.events({ type: "user_activity" })) {
      if (e.eventTypeId !== "USR-8") continue;
      lastEvent.set(e.userId, Math.max(lastEvent.get(e.userId) ?? 0, e.eventDate));
    }
    const list = sim.anaplan.users();
    let older = 0;
    let never = 0;
    for (const u of list) {
      const api = parse(u.lastLoginDate);
      const seen = lastEvent.get(u.id);
      if (seen !== undefined) assert.equal(api, seen, `${u.email}: lastLoginDate = last USR-8 event`);
      else if (api === undefined) never++;
      else {
        assert.ok(
          api < NOW - 30 * DAY + 60_000 && api >= NOW - 90 * DAY,
          `${u.email}: older than the events shown`,
        );
        older++;
      }
    }
    assert.ok(lastEvent.size > 100 && older > 0 && never > 0, `${lastEvent.size} ${older} ${never}`);
    // Only the planted account signs in while the users API lists it as inactive.
    const inactiveSigningIn = list.filter((u) => !u.active && lastEvent.has(u.id));
    assert.equal(inactiveSigningIn.length, 1);
    // Deterministic whatever the clock: a day later, sign-ins up to NOW are unchanged.
    sim.clock.advance(DAY);
    try {
      const later = new Map(sim.anaplan.users().map((u) => [u.id, parse(u.lastLoginDate)]));
      for (const u of list) {
        const after = later.get(u.id);
        if (after !== undefined && after <= NOW) assert.equal(after, parse(u.lastLoginDate), u.email);
        if (after === undefined)
          assert.equal(
            parse(u.lastLoginDate) === undefined || parse(u.lastLoginDate)! < NOW - 89 * DAY,
            true,
          );
      }
      assert.ok(
        [...later.values()].some((d) => d !== undefined && d > NOW),
        "new sign-ins move it forward",
      );
    } finally {
      sim.clock.set(NOW);
    }
  });
});
