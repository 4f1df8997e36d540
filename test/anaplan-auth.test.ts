import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, beforeEach, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { request } from "undici";
import { AuthError, MissingRoleError } from "../src/errors/auth-error.js";
import { ValidationError } from "../src/errors/validation-error.js";
import { Harness, ids, startSmallSimulator } from "./anaplan-helpers.js";

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/anaplan-cert/${name}`, import.meta.url));
const CERT = readFileSync(fixture("cert.pem"), "utf8");
const KEY = readFileSync(fixture("key.pem"), "utf8");
const PASSPHRASE = "fixture-passphrase";

let h: Harness;
before(async () => {
  h = new Harness(await startSmallSimulator({ certificates: [CERT] }));
});
after(() => h.close());
beforeEach(() => h.reset());

/** Every way an error can be printed or serialised. */
const renderings = (e: unknown) => [
  String(e),
  JSON.stringify(e),
  inspect(e, { depth: 5 }),
  (e as Error).stack ?? "",
];
const keyLines = KEY.split("\n").filter((l) => l.length > 20 && !l.startsWith("-----"));

function assertNoSecret(error: unknown, secrets: string[]): void {
  for (const text of renderings(error)) {
    for (const secret of secrets)
      assert.ok(!text.includes(secret), `secret leaked into: ${text.slice(0, 300)}`);
  }
}

/** A token issued by the simulator's auth service, obtained outside the client. */
async function issueToken(): Promise<string> {
  const { email, password } = h.sim.anaplan.credentials;
  const res = await request(`${h.sim.anaplan.urls.authUrl}/token/authenticate`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}` },
  });
  const body = (await res.body.json()) as { tokenInfo: { tokenValue: string } };
  return body.tokenInfo.tokenValue;
}

describe("Anaplan auth over HTTP against the simulator", () => {
  it("N concurrent requests sign in exactly once, and refresh exactly once after expiry", async () => {
    const anaplan = h.client({ pageSize: 40 });
    const results = await Promise.all([1, 2, 3, 4].map(() => anaplan.audit.getEvents(1)));
    for (const events of results) assert.deepEqual(ids(events), h.truth(1));
    assert.equal(h.sim.anaplan.counters.authenticate, 1);
    h.sim.anaplan.expireTokensNow();
    const again = await Promise.all([1, 2, 3].map(() => anaplan.audit.getEvents(1)));
    for (const events of again) assert.deepEqual(ids(events), h.truth(1));
    assert.deepEqual([h.sim.anaplan.counters.authenticate, h.sim.anaplan.counters.refresh], [1, 1]);
    assert.ok(h.answered("anaplan-audit", 401) >= 1, "the expired token was refused");
    assert.deepEqual(anaplan.tokenStats, { authentications: 1, refreshes: 1 });
  });

  it("token expiry mid-run when refresh refuses expired tokens: one new sign-in", async () => {
    const anaplan = h.client({ pageSize: 40 });
    await anaplan.audit.getEvents(1);
    h.sim.anaplan.setFaults({ rejectExpiredRefresh: true });
    h.sim.anaplan.expireTokensNow();
    const events = await Promise.all([1, 2].map(() => anaplan.audit.getEvents(2)));
    for (const e of events) assert.deepEqual(ids(e), h.truth(2));
    assert.deepEqual([h.sim.anaplan.counters.authenticate, h.sim.anaplan.counters.refresh], [2, 1]);
  });

  it("refreshes 5 minutes before expiresAt by the client's clock, without any 401", async () => {
    const anaplan = h.client();
    await anaplan.audit.getEvents(1);
    h.sim.clock.advance(31 * 60_000); // tokens last 35 minutes
    await anaplan.audit.getEvents(1);
    assert.deepEqual([h.sim.anaplan.counters.authenticate, h.sim.anaplan.counters.refresh], [1, 1]);
    assert.equal(h.answered("anaplan-audit", 401), 0);
    h.sim.clock.advance(-31 * 60_000);
  });

  it("with maxConcurrency 1, sign-in and refresh do not wait for a slot their own request holds", {
    timeout: 10_000,
  }, async () => {
    const anaplan = h.client({ maxConcurrency: 1, pageSize: 100 });
    assert.deepEqual(ids(await anaplan.audit.getEvents(2)), h.truth(2));
    h.sim.clock.advance(31 * 60_000);
    assert.deepEqual(ids(await anaplan.audit.getEvents(2)), h.truth(2));
    h.sim.clock.advance(-31 * 60_000);
    assert.deepEqual([h.sim.anaplan.counters.authenticate, h.sim.anaplan.counters.refresh], [1, 1]);
  });

  it("short-lived tokens do not cause a refresh per request", async () => {
    h.sim.anaplan.setFaults({ tokenLifetimeMs: 60_000 });
    const anaplan = h.client({ pageSize: 50 });
    await anaplan.audit.getEvents(2);
    assert.deepEqual([h.sim.anaplan.counters.authenticate, h.sim.anaplan.counters.refresh], [1, 0]);
  });

  it("a missing Tenant Auditor role fails at once with MissingRoleError, with no re-auth loop", async () => {
    // its own simulator: pages already sent when the error aborts the rest must not reach other tests
    const own = new Harness(await startSmallSimulator());
    try {
      own.sim.anaplan.setFaults({ missingRole: true });
      await assert.rejects(own.client().audit.getEvents(7), (e: unknown) => {
        assert.ok(e instanceof MissingRoleError);
        assert.equal(e.code, "E_MISSING_ROLE");
        assert.equal(e.status, 401);
        assert.equal(e.apiStatus, "FAILURE_UNAUTHORIZED_USER_ACTION");
        assert.match(e.message, /lacks the Tenant Auditor role, which the Anaplan Audit API requires/);
        assertNoSecret(e, [own.sim.anaplan.credentials.password]);
        return true;
      });
      const counters = own.sim.anaplan.counters;
      assert.deepEqual([counters.authenticate, counters.refresh], [1, 0]);
      assert.ok(
        own.answered("anaplan-audit", 401) <= 4,
        "no retry storm: at most the first concurrent pages",
      );
    } finally {
      await own.close();
    }
  });

  it("a bad password is an AuthError that never shows the password", async () => {
    const password = "Wr0ng-Secret-Passw0rd";
    await assert.rejects(h.client({ password }).audit.getEvents(1), (e: unknown) => {
      assert.ok(e instanceof AuthError);
      assert.equal(e.code, "E_AUTH");
      assert.equal(e.apiStatus, "FAILURE_BAD_CREDENTIAL");
      assert.match(e.message, /Anaplan refused the e-mail and password: check them/);
      assertNoSecret(e, [password, Buffer.from(password).toString("base64")]);
      return true;
    });
    assert.equal(h.sim.anaplan.counters.authenticate, 1);
    assert.equal(h.sim.anaplan.counters.auditPages, 0);
  });

  it("certificate auth (v2) with PEM text, file paths, and an encrypted key with its passphrase", async () => {
    const variants = [
      { certificate: CERT, privateKey: KEY },
      { certificate: fixture("cert.pem"), privateKey: fixture("key.pem") },
      { certificate: fixture("cert.pem"), privateKey: fixture("key-encrypted.pem"), passphrase: PASSPHRASE },
    ];
    for (const options of variants) {
      const anaplan = h.client(options);
      assert.equal(anaplan.authKind, "certificate");
      assert.deepEqual(ids(await anaplan.audit.getEvents(1)), h.truth(1));
    }
    assert.equal(h.sim.anaplan.counters.authenticate, 3);
    const schemes = h.sim.requests.filter((r) => r.path === "/token/authenticate").map((r) => r.authScheme);
    assert.deepEqual(schemes, ["CACertificate", "CACertificate", "CACertificate"]);
  });

  it("certificate auth signs a fresh v2 payload for every attempt, so a retried sign-in is not a replay", async () => {
    // The server reads and consumes the first payload, then the response is cut short: the
    // transport retries, and resending the same payload would be refused as a replay.
    h.sim.faults.add({ kind: "truncate", service: "anaplan-auth", path: /^\/token\/authenticate$/ });
    const anaplan = h.client({ certificate: CERT, privateKey: KEY });
    assert.deepEqual(ids(await anaplan.audit.getEvents(1)), h.truth(1));
    assert.equal(h.sim.faults.hits.truncate, 1);
    assert.equal(
      h.sim.anaplan.counters.authenticate,
      2,
      "two sign-ins reached the server, each with its own payload",
    );
  });

  it("an unreadable key or wrong passphrase is a ValidationError before any request, free of secrets", async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ privateKey: fixture("key-encrypted.pem") }, /encrypted and no passphrase was given/],
      [
        { privateKey: fixture("key-encrypted.pem"), passphrase: "wrong-passphrase" },
        /passphrase does not decrypt it/,
      ],
      [
        { privateKey: "/nonexistent/key.pem" },
        /neither PEM text nor a readable file \(ENOENT: \/nonexistent\/key\.pem\)/,
      ],
    ];
    for (const [options, message] of cases) {
      const anaplan = h.client({ certificate: CERT, privateKey: KEY, ...options });
      await assert.rejects(anaplan.audit.getEvents(1), (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.match(e.message, message);
        assertNoSecret(e, [PASSPHRASE, "wrong-passphrase", ...keyLines]);
        return true;
      });
    }
    assert.equal(h.sim.requests.length, 0);
  });

  it("a certificate the tenant does not know is an AuthError", async () => {
    const other = new Harness(await startSmallSimulator());
    try {
      const anaplan = other.client({ certificate: CERT, privateKey: KEY });
      await assert.rejects(anaplan.audit.getEvents(1), (e: unknown) => {
        assert.ok(e instanceof AuthError);
        assert.match(e.message, /Anaplan refused the certificate/);
        assertNoSecret(e, keyLines);
        return true;
      });
    } finally {
      await other.close();
    }
  });

  it("a static token works until it expires, then an AuthError asks for a fresh token", async () => {
    const token = await issueToken();
    h.reset();
    const anaplan = h.client({ token });
    assert.equal(anaplan.authKind, "token");
    assert.deepEqual(ids(await anaplan.audit.getEvents(1)), h.truth(1));
    h.sim.anaplan.expireTokensNow();
    await assert.rejects(anaplan.audit.getEvents(1), (e: unknown) => {
      assert.ok(e instanceof AuthError);
      assert.match(e.message, /a static token cannot be renewed: supply a fresh token, or credentials/);
      assertNoSecret(e, [token]);
      return true;
    });
    assert.deepEqual([h.sim.anaplan.counters.authenticate, h.sim.anaplan.counters.refresh], [0, 0]);
  });
});
