import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import type { AnaplanProgress } from "../src/anaplan/audit/progress.js";
import { ANAPLAN_EVENT_SCHEMA, ANAPLAN_USER_SCHEMA } from "../src/anaplan/schemas.js";
import { ValidationError } from "../src/errors/validation-error.js";
import { withUsers } from "../src/frames/with-users.js";
import { col, DAY, Harness, ids, NOW, schemaOf, startSmallSimulator } from "./anaplan-helpers.js";

let h: Harness;
before(async () => {
  h = new Harness(await startSmallSimulator());
});
after(() => h.close());
beforeEach(() => h.reset());

describe("AnaplanClient over HTTP against the simulator", () => {
  it("getEvents(days) returns exactly the ground truth, in API order, with the full schema", async () => {
    const anaplan = h.client({ pageSize: 100 });
    const events = await anaplan.audit.getEvents(3);
    const truth = h.truth(3);
    assert.ok(truth.length > 400, `a few hundred events, got ${truth.length}`);
    assert.deepEqual(ids(events), truth);
    assert.deepEqual(
      schemaOf(events),
      Object.entries(ANAPLAN_EVENT_SCHEMA).map(([k, v]) => `${k}:${String(v)}`),
    );
    assert.equal(h.sim.anaplan.counters.authenticate, 1);
    assert.deepEqual(h.warnings, []);
  });

  it("reads the same events with pages scanned on a worker thread or on the calling thread", async () => {
    const inWorker = await h.client().audit.getEvents(30);
    const inline = await h.client({ scanInWorker: false }).audit.getEvents(30);
    assert.ok(inWorker.height > 5000, `a month of events, got ${inWorker.height}`);
    assert.deepEqual(schemaOf(inWorker), schemaOf(inline));
    for (const name of inline.columns)
      assert.deepEqual(col(inWorker, name), col(inline, name), `column ${name}`);
  });

  it("keeps every field of the served events (ids past 2^53, INTERNAL ids, null attributes, dates)", async () => {
    const events = await h.client().audit.getEvents(30);
    const served = h.sim.anaplan.events({ from: NOW - 30 * DAY, to: NOW });
    assert.equal(events.height, served.length);
    const i = served.findIndex((e) => e.userId.startsWith("INTERNAL_"));
    const j = served.findIndex((e) => e.additionalAttributes === null);
    const k0 = served.findIndex((e) => !("additionalAttributes" in e));
    const big = served.findIndex((e) => BigInt(e.id) > 2n ** 53n);
    assert.ok(
      i >= 0 && j >= 0 && k0 >= 0 && big >= 0,
      "INTERNAL ids, null and absent attributes, ids past 2^53",
    );
    assert.equal(events.height, new Set(ids(events)).size, "no duplicates");
    for (const k of [0, i, j, k0, big, served.length - 1]) {
      const e = served[k]!;
      const row = events.row(k);
      const get = (name: string) => row[events.columns.indexOf(name)];
      assert.equal(get("id"), e.id);
      assert.equal(get("userId"), e.userId);
      assert.equal(get("eventTypeId"), e.eventTypeId);
      assert.equal((get("eventDate") as Date).getTime(), e.eventDate);
      assert.equal((get("createdDate") as Date).getTime(), e.createdDate);
      const attrs = e.additionalAttributes;
      assert.equal(
        get("additionalAttributes"),
        attrs === null || attrs === undefined ? null : JSON.stringify(attrs),
      );
    }
  });

  it("getEvents({ from, to }, { type }) matches the ground truth of that type and window", async () => {
    const from = "2026-11-18T06:00:00Z";
    const to = new Date("2026-11-19T18:30:00Z");
    const events = await h.client().audit.getEvents({ from, to }, { type: "access_control" });
    const truth = h.sim.anaplan.eventIds({ from, to, type: "access_control" });
    assert.ok(truth.length > 0);
    assert.deepEqual(ids(events), truth);
    assert.ok(col(events, "eventTypeId").every((t) => String(t).startsWith("AUTHZ-")));
  });

  it("an empty window gives a zero-row frame with the full schema", async () => {
    const events = await h.client().audit.getEvents({ from: NOW + DAY, to: NOW + DAY });
    assert.equal(events.height, 0);
    assert.deepEqual(events.columns, Object.keys(ANAPLAN_EVENT_SCHEMA));
  });

  it("listUsers returns exactly the listed users, and withUsers keeps every event row", async () => {
    const anaplan = h.client();
    const users = await anaplan.audit.listUsers();
    const truth = h.sim.anaplan.users();
    assert.deepEqual(
      col(users, "id"),
      truth.map((u) => u.id),
    );
    assert.deepEqual(
      col(users, "email"),
      truth.map((u) => u.email),
    );
    assert.deepEqual(users.columns, Object.keys(ANAPLAN_USER_SCHEMA));
    assert.equal(String(users.schema.lastLoginDate), "DataType(Datetime(ms,UTC))");

    const events = await anaplan.audit.getEvents(2);
    const joined = withUsers(events, users);
    assert.deepEqual(ids(joined), ids(events));
    const unmatched = new Set(
      joined.filter(joined.getColumn("email").isNull()).getColumn("userId").toArray(),
    );
    const known = new Set([...h.sim.anaplan.internalUserIds, ...h.sim.anaplan.deletedUserIds]);
    assert.ok(unmatched.size > 0);
    for (const id of unmatched) assert.ok(known.has(String(id)), `${id} is an INTERNAL or deleted user`);
  });

  it("reports progress per page until done equals total", async () => {
    const seen: AnaplanProgress[] = [];
    const anaplan = h.client({ pageSize: 50, onProgress: (p) => seen.push(p) });
    await anaplan.audit.getEvents(2);
    await anaplan.audit.listUsers();
    const events = seen.filter((p) => p.phase === "events");
    const last = events.at(-1)!;
    assert.equal(last.done, last.total);
    assert.equal(last.done, h.sim.anaplan.counters.auditPages);
    assert.ok(events.every((p, k) => k === 0 || p.done >= events[k - 1]!.done));
    assert.deepEqual(seen.filter((p) => p.phase === "users").at(-1), { phase: "users", done: 1, total: 1 });
  });

  it("refuses ranges past the 30-day retention before sending any request", async () => {
    const anaplan = h.client();
    const cases: Array<[Parameters<typeof anaplan.audit.getEvents>[0], RegExp]> = [
      [31, /1 to 30, got 31\. Anaplan keeps audit events for 30 days only; .*archive/],
      [{ from: NOW - 31 * DAY }, /31 days before now; Anaplan keeps audit events for 30 days only/],
      [{ from: "2026-11-10", to: "2026-11-01" }, /is after to/],
      [{ from: "not a date" }, /is not a date/],
    ];
    for (const [range, message] of cases) {
      await assert.rejects(anaplan.audit.getEvents(range), (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.match(e.message, message);
        return true;
      });
    }
    assert.equal(h.sim.requests.length, 0);
  });

  it("refuses a client without credentials or with two ways to sign in", () => {
    assert.throws(() => h.client({ email: undefined, password: undefined }), /needs credentials/);
    assert.throws(
      () => new AnaplanClient({ ...h.sim.anaplan.clientOptions, token: "abcdef" }),
      /more than one way/,
    );
    assert.throws(() => new AnaplanClient({ certificate: "c.pem" }), /needs both certificate and privateKey/);
    assert.throws(() => h.client({ pageSize: 20_000 }), /pageSize must be a whole number from 1 to 10000/);
  });
});
