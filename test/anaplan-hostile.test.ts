import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { inspect } from "node:util";
import { DEFAULT_MAX_PAGES, DEFAULT_MAX_TOTAL_SIZE } from "../src/anaplan/audit/fetch-pages.js";
import { MAX_JSON_DEPTH } from "../src/anaplan/parse/read-json-body.js";
import { AuthError } from "../src/errors/auth-error.js";
import { IncompleteResultError } from "../src/errors/incomplete-result-error.js";
import { NetworkError, TimeoutError } from "../src/errors/network-error.js";
import { PayloadError } from "../src/errors/payload-error.js";
import { MAX_AUTH_RENEWALS } from "../src/http/transport.js";
import { col, Harness, ids, startSmallSimulator } from "./anaplan-helpers.js";

// Every case drives the public API (AnaplanClient over real HTTP) against the simulator in a
// hostile mode, and checks the typed error, its code, the bound and its numbers, and that no
// secret (the password, or the token the simulator issued) appears in any rendering.

let h: Harness;
before(async () => {
  h = new Harness(await startSmallSimulator());
});
after(() => h.close());
beforeEach(() => h.reset());

const renderings = (e: unknown) => [
  String(e),
  JSON.stringify(e),
  inspect(e, { depth: 5 }),
  (e as Error).stack ?? "",
];

/** The secrets of the harness's clients: the password, and every token issued so far. */
function assertNoSecret(error: unknown): void {
  const secrets = [h.sim.anaplan.credentials.password];
  for (const text of renderings(error)) {
    for (const secret of secrets) assert.ok(!text.includes(secret), `secret in: ${text.slice(0, 200)}`);
    assert.doesNotMatch(text, /AnaplanAuthToken [A-Za-z0-9_-]{20,}/);
  }
}

/** Asserts a PayloadError with the bound's name, limit and observed number. */
function payloadBound(name: string, limit: number, observed?: (n: number) => boolean) {
  return (e: unknown) => {
    assert.ok(e instanceof PayloadError, `expected PayloadError, got ${inspect(e)}`);
    assert.equal(e.code, "E_PAYLOAD");
    assert.equal(e.bound?.name, name);
    assert.equal(e.bound?.limit, limit);
    if (observed) assert.ok(observed(e.bound!.observed), `observed ${e.bound!.observed}`);
    assert.match(e.url ?? "", /^http:\/\/127\.0\.0\.1:\d+\/anaplan\//, "the redacted URL");
    assert.ok(e.message.includes(String(limit)), e.message);
    assertNoSecret(e);
    return true;
  };
}

describe("hostile Anaplan server: bounded, typed, no secret", () => {
  it("a huge totalSize is refused before any memory is set aside (events and users)", async () => {
    const huge = Number.MAX_SAFE_INTEGER;
    h.sim.anaplan.setFaults({ hugeTotalSize: huge });
    const client = h.client({ pageSize: 50 });
    await assert.rejects(
      client.audit.getEvents(1),
      payloadBound("maxTotalSize", DEFAULT_MAX_TOTAL_SIZE, (n) => n === huge),
    );
    await assert.rejects(
      client.audit.listUsers(),
      payloadBound("maxTotalSize", DEFAULT_MAX_TOTAL_SIZE, (n) => n === huge),
    );
    // the budget is per call and shared by slices: 3 slices of ~200 exceed 300
    h.sim.anaplan.clearFaults();
    await assert.rejects(
      h.client({ maxTotalSize: 300 }).audit.getEvents(3),
      payloadBound("maxTotalSize", 300, (n) => n > 300),
    );
  });

  it("a page with more rows than limit asked is refused", async () => {
    h.sim.anaplan.setFaults({ oversizedPages: 20 });
    await assert.rejects(
      h.client({ pageSize: 5 }).audit.getEvents(1),
      payloadBound("pageRows", 5, (n) => n > 5 && n <= 100),
    );
  });

  it("a server that ignores offset (echoing it back) is caught as the same page twice", async () => {
    h.sim.anaplan.setFaults({ ignoreOffset: true });
    await assert.rejects(h.client({ pageSize: 20 }).audit.getEvents(1), (e: unknown) => {
      assert.ok(e instanceof PayloadError);
      assert.equal(e.bound?.name, "offset");
      assert.equal(e.bound?.observed, 0);
      assert.match(e.message, /returned the same page for offsets 0 and \d+: the server ignores offset/);
      assertNoSecret(e);
      return true;
    });
    h.sim.anaplan.setFaults({ ignoreOffset: true, usersPageSizeCap: 10 });
    await assert.rejects(h.client().audit.listUsers(), (e: unknown) => {
      assert.ok(e instanceof PayloadError);
      assert.match(
        e.message,
        /^Anaplan users GET http:\/\/127\.0\.0\.1:\d+\/anaplan\/api\/2\/0\/users returned the same page/,
      );
      return true;
    });
  });

  it("no paging metadata and an ignored offset: the same page forever ends at the second page", async () => {
    h.sim.anaplan.setFaults({ ignoreOffset: true, pagingMeta: "missing" });
    await assert.rejects(h.client({ pageSize: 20 }).audit.getEvents(1), (e: unknown) => {
      assert.ok(e instanceof PayloadError);
      assert.match(e.message, /returned the same page for offsets 0 and 20/);
      return true;
    });
    assert.equal(h.sim.anaplan.counters.auditPages, 2, "stopped at the first repeat");
    h.reset();
    h.sim.anaplan.setFaults({ ignoreOffset: true, pagingMeta: "missing", usersPageSizeCap: 10 });
    await assert.rejects(h.client().audit.listUsers(), (e: unknown) => {
      assert.ok(e instanceof PayloadError);
      assert.match(e.message, /returned the same page for offsets 0 and 10/);
      return true;
    });
    assert.equal(h.sim.anaplan.counters.usersPages, 2);
  });

  it("without paging metadata a list that keeps sending full pages stops at maxPages", async () => {
    h.sim.anaplan.setFaults({ pagingMeta: "missing" });
    await assert.rejects(
      h.client({ pageSize: 5, maxPages: 4 }).audit.getEvents(1),
      payloadBound("maxPages", 4, (n) => n === 5),
    );
    assert.equal(h.sim.anaplan.counters.auditPages, 4);
  });

  it("too many pages for the announced totalSize is refused before they are asked", async () => {
    h.sim.anaplan.setFaults({ pageSizeCap: 1 });
    const truth = h.truth(1).length;
    await assert.rejects(
      h.client({ maxPages: 10 }).audit.getEvents(1),
      payloadBound("maxPages", 10, (n) => n > 10),
    );
    assert.ok(h.sim.anaplan.counters.auditPages <= 2, "only the first page of each slice");
    assert.ok(truth > 10);
    assert.equal(DEFAULT_MAX_PAGES, 10_000);
  });

  it("invalid paging metadata is a PayloadError naming the fields", async () => {
    h.sim.anaplan.setFaults({ pagingMeta: "invalid" });
    await assert.rejects(h.client({ pageSize: 20 }).audit.getEvents(1), (e: unknown) => {
      assert.ok(e instanceof PayloadError);
      assert.match(e.message, /invalid paging metadata: currentPageSize, totalSize are not a whole number/);
      return true;
    });
    await assert.rejects(h.client().audit.listUsers(), (e: unknown) => {
      assert.ok(e instanceof PayloadError);
      assert.match(e.message, /^Anaplan users GET .* invalid paging metadata/);
      return true;
    });
  });

  it("a body dripped a byte at a time hits the deadline (timeoutMs, headers and body together)", async () => {
    h.sim.faults.add({ kind: "drip", chunkBytes: 64, intervalMs: 50, service: "anaplan-audit", times: 1 });
    const started = performance.now();
    await assert.rejects(
      h.client({ timeoutMs: 300, retry: { limit: 0 }, pageSize: 200 }).audit.getEvents(1),
      (e: unknown) => {
        assert.ok(e instanceof TimeoutError, inspect(e));
        assert.equal(e.code, "E_TIMEOUT");
        assert.equal(e.kind, "deadline");
        assert.equal(e.timeoutMs, 300);
        assert.ok(e.elapsedMs! >= 290 && e.elapsedMs! < 1500, `elapsed ${e.elapsedMs}`);
        assert.match(e.message, /timed out after 300 ms: GET http:\/\/127\.0\.0\.1:\d+\/anaplan\/audit/);
        assertNoSecret(e);
        return true;
      },
    );
    assert.ok(performance.now() - started < 3000);
  });

  it("a body larger than maxBodyBytes is refused, announced or not, without retries", async () => {
    await assert.rejects(
      h.client({ maxBodyBytes: 2000, pageSize: 200 }).audit.getEvents(1),
      payloadBound("maxBodyBytes", 2000, (n) => n > 2000),
    );
    assert.equal(h.sim.requests.filter((r) => r.service === "anaplan-audit").length, 1, "not retried");
  });

  it("a truncated body is retried, then a NetworkError; an HTML page with 200 is a PayloadError", async () => {
    h.sim.faults.add({ kind: "truncate", service: "anaplan-audit", times: 10 });
    await assert.rejects(
      h.client({ retry: { limit: 2, baseDelayMs: 1 } }).audit.getEvents(1),
      (e: unknown) => {
        assert.ok(e instanceof NetworkError, inspect(e));
        assert.equal(e.code, "E_NETWORK");
        assertNoSecret(e);
        return true;
      },
    );
    h.reset();
    h.sim.faults.add({ kind: "html", status: 200, service: "anaplan-audit", times: 10 });
    await assert.rejects(h.client().audit.getEvents(1), (e: unknown) => {
      assert.ok(e instanceof PayloadError);
      assert.match(e.message, /got an HTML page/);
      assertNoSecret(e);
      return true;
    });
  });

  it("JSON nested deeper than the limit is refused (in a page, and as a whole body)", async () => {
    h.sim.anaplan.setFaults({ deepJson: 100_000 });
    await assert.rejects(
      h.client({ pageSize: 20 }).audit.getEvents(1),
      payloadBound("maxJsonDepth", MAX_JSON_DEPTH, (n) => n === MAX_JSON_DEPTH + 1),
    );
    h.reset();
    const deep = `{"meta":{"paging":{"totalSize":1}},"users":[{"id":"a","x":${"[".repeat(200_000)}${"]".repeat(200_000)}}]}`;
    h.sim.faults.add({ kind: "body", body: deep, service: "anaplan-users", times: 5 });
    await assert.rejects(
      h.client().audit.listUsers(),
      payloadBound("maxJsonDepth", MAX_JSON_DEPTH, (n) => n === MAX_JSON_DEPTH + 1),
    );
  });

  it("totals that never match: IncompleteResultError with counts, or a result marked incomplete on request", async () => {
    h.sim.anaplan.setFaults({ insertDuringPaging: { events: 2, times: 1000 } });
    await assert.rejects(h.client({ pageSize: 20 }).audit.getEvents(1), (e: unknown) => {
      assert.ok(e instanceof IncompleteResultError, inspect(e));
      assert.equal(e.code, "E_INCOMPLETE");
      assert.ok(e.gaps.length >= 1);
      for (const gap of e.gaps) {
        assert.equal(gap.list, "events");
        assert.equal(gap.passes, 5);
        assert.ok(
          Number.isInteger(gap.expected) && Number.isInteger(gap.got) && gap.got > 0,
          JSON.stringify(gap),
        );
        assert.ok(gap.from! < gap.to!);
      }
      const expected = e.gaps.reduce((n, g) => n + g.expected, 0);
      const got = e.gaps.reduce((n, g) => n + g.got, 0);
      assert.ok(e.message.includes(`(expected ${expected} rows, got ${got}: `), e.message);
      assert.match(
        e.message,
        /The result is incomplete: \d+ part\(s\) never matched .* after 5 passes \(expected \d+ rows, got \d+/,
      );
      return true;
    });
    const result = await h.client({ pageSize: 20 }).audit.getEventsResult(1);
    assert.equal(result.complete, false);
    assert.ok(result.gaps.length >= 1);
    assert.ok(result.frame.height > 0);
    assert.match(h.warnings.join("\n"), /the result is INCOMPLETE/);
    h.sim.anaplan.clearFaults();
    const fine = await h.client({ pageSize: 20 }).audit.getEventsResult(1);
    assert.deepEqual([fine.complete, fine.gaps], [true, []]);
    assert.deepEqual(ids(fine.frame), h.truth(1));
  });

  it("token expiry mid-flight: one shared refresh per expiry, every request retried, exact results", async () => {
    const client = h.client({ pageSize: 10, maxConcurrency: 8 });
    await client.audit.listUsers(); // signed in
    h.reset();
    h.sim.anaplan.setFaults({ expireTokensEvery: 6 });
    const results = await Promise.all([
      ...[1, 2, 3, 4, 5, 6].map(() => client.audit.getEvents(1)),
      client.audit.listUsers(),
      client.audit.listUsers(),
    ]);
    for (const events of results.slice(0, 6)) assert.deepEqual(ids(events), h.truth(1));
    for (const users of results.slice(6)) {
      assert.deepEqual(
        col(users, "id"),
        h.sim.anaplan.users().map((u) => u.id),
      );
    }
    const served = h.sim.anaplan.counters.auditPages + h.sim.anaplan.counters.usersPages;
    const expiries = Math.floor(served / 6);
    assert.ok(expiries >= 5, `tokens expired ${expiries} times`);
    assert.ok(h.answered("anaplan-audit", 401) >= 1, "requests in flight were refused");
    // never more renewals than expiries: requests share them
    assert.ok(h.sim.anaplan.counters.refresh <= expiries, `${h.sim.anaplan.counters.refresh} > ${expiries}`);
    assert.equal(h.sim.anaplan.counters.authenticate, 0);
  });

  it("a token refused again right after its renewal is renewed again, boundedly (MAX_AUTH_RENEWALS)", async () => {
    const client = h.client({ pageSize: 1000 });
    await client.audit.listUsers(); // signed in
    h.reset();
    // three 401s in a row on the same request (the token died again while it waited)
    h.sim.faults.add({ kind: "status", status: 401, service: "anaplan-users", times: 3 });
    const users = await client.audit.listUsers();
    assert.equal(users.height, h.sim.anaplan.users().length);
    assert.equal(h.sim.anaplan.counters.refresh, 3);
    h.reset();
    // a server that refuses every token: an AuthError after MAX_AUTH_RENEWALS renewals, not a loop
    h.sim.faults.add({ kind: "status", status: 401, service: "anaplan-users", times: 1000 });
    await assert.rejects(client.audit.listUsers(), (e: unknown) => {
      assert.ok(e instanceof AuthError);
      assert.equal(e.code, "E_AUTH");
      assertNoSecret(e);
      return true;
    });
    assert.equal(h.sim.anaplan.counters.refresh, MAX_AUTH_RENEWALS);
    assert.equal(h.answered("anaplan-users", 401), MAX_AUTH_RENEWALS + 1);
  });
});
