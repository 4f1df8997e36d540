import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { ANAPLAN_EVENT_SCHEMA } from "../src/anaplan/schemas.js";
import { TimeoutError } from "../src/errors/network-error.js";
import { PayloadError } from "../src/errors/payload-error.js";
import { col, Harness, ids, startSmallSimulator } from "./anaplan-helpers.js";

let h: Harness;
before(async () => {
  h = new Harness(await startSmallSimulator());
});
after(() => h.close());
beforeEach(() => h.reset());

/** Fetches 2 days in pages of 50 (about 8 pages) and checks the result equals the ground truth. */
async function fetchMatchesTruth(extra: Parameters<Harness["client"]>[0] = {}) {
  const events = await h.client({ pageSize: 50, ...extra }).audit.getEvents(2);
  const truth = h.truth(2);
  assert.deepEqual(ids(events), truth, "same ids, same order, no loss, no duplicates");
  return events;
}

describe("AnaplanClient under simulator faults: every result equals the ground truth", () => {
  it("429 with Retry-After, then success", async () => {
    h.sim.faults.add({ kind: "status", status: 429, retryAfter: 1, service: "anaplan-audit", times: 2 });
    await fetchMatchesTruth();
    assert.equal(h.answered("anaplan-audit", 429), 2);
    assert.equal(h.sim.faults.pending, 0);
  });

  it("a burst of 5xx", async () => {
    h.sim.faults.add({ kind: "status", status: 503, service: "anaplan-audit", times: 3 });
    h.sim.faults.add({ kind: "status", status: 500, service: "anaplan-audit", times: 2 });
    await fetchMatchesTruth();
    assert.equal(h.answered("anaplan-audit", 503) + h.answered("anaplan-audit", 500), 5);
  });

  // undici checks its timeouts on a coarse (about 0.5 s) clock, so the slow response must be
  // clearly slower than that for a 100 ms timeoutMs to fire.
  it("a slow response is retried; with a short timeoutMs and no retries it is a TimeoutError", async () => {
    h.sim.faults.add({ kind: "slow", delayMs: 1500, service: "anaplan-audit", times: 1 });
    await fetchMatchesTruth({ timeoutMs: 100 });
    h.sim.faults.add({ kind: "slow", delayMs: 1500, service: "anaplan-audit", times: 1 });
    await assert.rejects(
      h.client({ timeoutMs: 100, retry: { limit: 0 } }).audit.getEvents(1),
      (e: unknown) =>
        e instanceof TimeoutError && e.code === "E_TIMEOUT" && /timed out after 100 ms/.test(e.message),
    );
  });

  it("an HTML error page from a proxy (502), and an HTML page with status 200", async () => {
    h.sim.faults.add({ kind: "html", status: 502, service: "anaplan-audit", times: 2 });
    await fetchMatchesTruth();
    h.sim.faults.add({ kind: "html", status: 200, service: "anaplan-audit", times: 1 });
    await fetchMatchesTruth();
    assert.equal(h.sim.faults.hits.html, 3);
  });

  it("a body cut off mid-stream (connection closed) is retried", async () => {
    h.sim.faults.add({ kind: "truncate", service: "anaplan-audit", times: 2 });
    await fetchMatchesTruth();
    assert.equal(h.sim.faults.hits.truncate, 2);
  });

  it("a complete response with broken JSON is fetched again; if it stays broken, a PayloadError", async () => {
    h.sim.faults.add({ kind: "malformed", service: "anaplan-audit", times: 1 });
    await fetchMatchesTruth();
    h.sim.faults.add({ kind: "malformed", service: "anaplan-audit", times: 3 });
    await assert.rejects(h.client().audit.getEvents(1), (e: unknown) => {
      assert.ok(e instanceof PayloadError);
      assert.match(
        e.message,
        /^Anaplan audit GET http:\/\/127\.0\.0\.1:\d+\/anaplan\/audit\/audit\/api\/1\/events\?dateFrom=/,
      );
      assert.match(
        e.message,
        /\(tried 3 times\): Expected an Anaplan audit events page but the JSON is cut short/,
      );
      return true;
    });
  });

  it("a server that caps the page size: pages by its size and warns once", async () => {
    h.sim.anaplan.setFaults({ pageSizeCap: 30 });
    await fetchMatchesTruth({ pageSize: 100 });
    assert.deepEqual(h.warnings, [
      "Anaplan audit returned 30 events per page although limit=100 was asked; paging by 30.",
    ]);
  });

  it("events arriving during paging: the window is fetched again, nothing lost or doubled", async () => {
    h.sim.anaplan.setFaults({ insertDuringPaging: 7 });
    const before = h.truth(2).length;
    await fetchMatchesTruth({ pageSize: 20 });
    assert.equal(h.sim.anaplan.counters.insertedEvents, 7);
    assert.equal(h.truth(2).length, before + 7);
  });

  it("repeated insertions over several passes", async () => {
    h.sim.anaplan.setFaults({ insertDuringPaging: { events: 3, times: 4 } });
    await fetchMatchesTruth({ pageSize: 20 });
    assert.equal(h.sim.anaplan.counters.insertedEvents, 12);
    assert.deepEqual(h.warnings, []);
  });

  it("a users list capped below 5000 is paged by the server's size", async () => {
    h.sim.anaplan.setFaults({ usersPageSizeCap: 7 });
    const users = await h.client().audit.listUsers();
    assert.deepEqual(
      col(users, "id"),
      h.sim.anaplan.users().map((u) => u.id),
    );
    assert.equal(h.sim.anaplan.counters.usersPages, Math.ceil(users.height / 7));
    assert.match(h.warnings.join("\n"), /Anaplan users returned 7 users per page although limit=5000/);
  });

  it("HTTP 204 counts as no events, with a warning", async () => {
    h.sim.faults.add({ kind: "status", status: 204, service: "anaplan-audit", times: 1 });
    const events = await h.client().audit.getEvents(1);
    assert.equal(events.height, 0);
    assert.deepEqual(events.columns, Object.keys(ANAPLAN_EVENT_SCHEMA));
    assert.equal(h.warnings.length, 1);
    assert.match(h.warnings[0]!, /answered 204 No Content .*counted as no events/);
  });
});
