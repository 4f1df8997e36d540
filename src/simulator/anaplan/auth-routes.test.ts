import assert from "node:assert/strict";
import { createPrivateKey, randomBytes, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { type Simulator, startSimulator } from "../start-simulator.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/anaplan-cert/${name}`, import.meta.url), "utf8");
const CERT = fixture("cert.pem");
const KEY = createPrivateKey({ key: fixture("key-encrypted.pem"), passphrase: "fixture-passphrase" });
const START = Date.parse("2026-11-15T12:00:00Z");

let sim: Simulator;
before(async () => {
  sim = await startSimulator({
    seed: 3,
    clock: { start: START, frozen: true },
    anaplan: { certificates: [CERT] },
  });
});
after(() => sim.close());

const basic = (email: string, password: string) =>
  `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}`;

async function post(path: string, headers: Record<string, string>, body?: string) {
  const res = await fetch(`${sim.anaplan.urls.authUrl}${path}`, {
    method: "POST",
    headers,
    ...(body ? { body } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function login(): Promise<string> {
  const { email, password } = sim.anaplan.credentials;
  const r = await post("/token/authenticate", { authorization: basic(email, password) });
  assert.equal(r.status, 201);
  return r.json.tokenInfo.tokenValue;
}

/** A v2 certificate payload signed with the fixture key, timestamped `atMs`. */
function certificateLogin(atMs: number, data?: Buffer) {
  const payload = data ?? Buffer.alloc(100);
  if (!data) {
    payload.writeBigUInt64BE(BigInt(Math.floor(atMs / 1000)), 0);
    randomBytes(92).copy(payload, 8);
  }
  const body = JSON.stringify({
    encodedData: payload.toString("base64"),
    encodedSignedData: sign("sha512", payload, KEY).toString("base64"),
    encodedDataFormat: "v2",
  });
  return {
    payload,
    send: () =>
      post(
        "/token/authenticate",
        {
          authorization: `CACertificate ${Buffer.from(CERT).toString("base64")}`,
          "content-type": "application/json",
        },
        body,
      ),
  };
}

describe("basic auth and tokens", () => {
  test("authenticate answers 201 with the token response and a 35-minute expiry", async () => {
    const { email, password } = sim.anaplan.credentials;
    const r = await post("/token/authenticate", { authorization: basic(email, password) });
    assert.equal(r.status, 201);
    assert.deepEqual(Object.keys(r.json), ["meta", "status", "statusMessage", "tokenInfo"]);
    assert.deepEqual(r.json.meta, { validationUrl: `${sim.anaplan.urls.authUrl}/token/validate` });
    assert.equal(r.json.status, "SUCCESS");
    assert.equal(r.json.statusMessage, "Login successful");
    assert.deepEqual(Object.keys(r.json.tokenInfo), ["tokenId", "tokenValue", "expiresAt", "refreshTokenId"]);
    assert.match(r.json.tokenInfo.tokenId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(r.json.tokenInfo.expiresAt, START + 35 * 60_000);
  });

  test("refresh returns 200, the same tokenValue and refreshTokenId, and a later expiry", async () => {
    const { email, password } = sim.anaplan.credentials;
    const first = (await post("/token/authenticate", { authorization: basic(email, password) })).json
      .tokenInfo;
    sim.clock.advance(10 * 60_000);
    const r = await post("/token/refresh", { authorization: `AnaplanAuthToken ${first.tokenValue}` });
    sim.clock.set(START);
    assert.equal(r.status, 200);
    assert.equal(r.json.statusMessage, "Token refreshed");
    assert.equal(r.json.tokenInfo.tokenValue, first.tokenValue);
    assert.equal(r.json.tokenInfo.refreshTokenId, first.refreshTokenId);
    assert.equal(r.json.tokenInfo.expiresAt, START + 45 * 60_000);
  });

  test("refresh with a Bearer header is a 400", async () => {
    const r = await post("/token/refresh", { authorization: `Bearer ${await login()}` });
    assert.equal(r.status, 400);
    assert.equal(r.json.status, "FAILURE_BAD_HEADER");
  });

  test("validate describes the token and the user; logout answers 204 and kills the token", async () => {
    const token = await login();
    const headers = { authorization: `AnaplanAuthToken ${token}` };
    const v = await fetch(`${sim.anaplan.urls.authUrl}/token/validate`, { headers });
    const body = JSON.parse(await v.text());
    assert.equal(v.status, 200);
    assert.equal(body.statusMessage, "Token validated");
    assert.deepEqual(body.userInfo, {
      userGuid: body.userInfo.userGuid,
      userId: "auditor@example.com",
      customerGuid: sim.anaplan.tenantId,
    });
    assert.match(body.userInfo.userGuid, /^[0-9a-f]{32}$/);
    const out = await fetch(`${sim.anaplan.urls.authUrl}/token/logout`, { method: "POST", headers });
    assert.equal(out.status, 204);
    assert.equal(await out.text(), "");
    assert.equal((await fetch(`${sim.anaplan.urls.authUrl}/token/validate`, { headers })).status, 401);
  });

  test("a wrong password is a 401 FAILURE_BAD_CREDENTIAL", async () => {
    const r = await post("/token/authenticate", { authorization: basic("auditor@example.com", "nope") });
    assert.equal(r.status, 401);
    assert.deepEqual(r.json, {
      status: "FAILURE_BAD_CREDENTIAL",
      statusMessage: "Invalid username or password",
    });
  });

  test("a malformed or missing header is a 400 FAILURE_BAD_HEADER", async () => {
    for (const authorization of [`Basic ${Buffer.from("no-colon").toString("base64")}`, "Token abc", ""]) {
      const r = await post("/token/authenticate", authorization ? { authorization } : {});
      assert.equal(r.status, 400, authorization);
      assert.equal(r.json.status, "FAILURE_BAD_HEADER");
    }
  });

  test("counters count authenticate and refresh calls", async () => {
    const before = { ...sim.anaplan.counters };
    const token = await login();
    await post("/token/refresh", { authorization: `AnaplanAuthToken ${token}` });
    assert.equal(sim.anaplan.counters.authenticate, before.authenticate + 1);
    assert.equal(sim.anaplan.counters.refresh, before.refresh + 1);
  });
});

describe("certificate auth (v2)", () => {
  test("a fresh v2 payload signed by the registered certificate's key gets a token", async () => {
    const r = await certificateLogin(START).send();
    assert.equal(r.status, 201);
    assert.equal(r.json.statusMessage, "Login successful");
    const me = await fetch(`${sim.anaplan.urls.apiUrl}/users/me`, {
      headers: { authorization: `AnaplanAuthToken ${r.json.tokenInfo.tokenValue}` },
    });
    assert.equal(JSON.parse(await me.text()).user.email, "auditor@example.com");
  });

  test("the timestamp is checked against the simulated clock, ±5 minutes", async () => {
    assert.equal((await certificateLogin(START - 4 * 60_000).send()).status, 201);
    const stale = await certificateLogin(START - 6 * 60_000).send();
    assert.equal(stale.status, 401);
    assert.deepEqual(stale.json, {
      status: "FAILURE_BAD_CREDENTIAL",
      statusMessage: "The encodedData timestamp is outside the accepted window",
    });
    assert.equal((await certificateLogin(Date.now() + 86_400_000).send()).status, 401);
  });

  test("a replayed payload is refused", async () => {
    const once = certificateLogin(START);
    assert.equal((await once.send()).status, 201);
    const again = await certificateLogin(START, once.payload).send();
    assert.equal(again.status, 401);
    assert.equal(again.json.statusMessage, "The encodedData was already used");
  });

  test("a bad signature, a v1 payload and an unregistered certificate are refused", async () => {
    const payload = Buffer.alloc(100);
    payload.writeBigUInt64BE(BigInt(START / 1000), 0);
    const certHeader = `CACertificate ${Buffer.from(CERT).toString("base64")}`;
    const badSig = await post(
      "/token/authenticate",
      { authorization: certHeader },
      JSON.stringify({
        encodedData: payload.toString("base64"),
        encodedSignedData: randomBytes(256).toString("base64"),
        encodedDataFormat: "v2",
      }),
    );
    assert.equal(badSig.status, 401);
    assert.equal(badSig.json.status, "FAILURE_BAD_CREDENTIAL");

    const v1 = await post(
      "/token/authenticate",
      { authorization: certHeader },
      JSON.stringify({
        encodedData: payload.toString("base64"),
        encodedSignedData: sign("sha512", payload, KEY).toString("base64"),
      }),
    );
    assert.equal(v1.status, 400);
    assert.equal(v1.json.status, "FAILURE_BAD_REQUEST");

    const other = await startSimulator({ seed: 3, clock: { start: START, frozen: true } });
    try {
      const r = await fetch(`${other.anaplan.urls.authUrl}/token/authenticate`, {
        method: "POST",
        headers: { authorization: certHeader },
        body: JSON.stringify({
          encodedData: payload.toString("base64"),
          encodedSignedData: sign("sha512", payload, KEY).toString("base64"),
          encodedDataFormat: "v2",
        }),
      });
      assert.equal(r.status, 401);
      assert.equal(
        JSON.parse(await r.text()).statusMessage,
        "The certificate is not registered for this tenant",
      );
    } finally {
      await other.close();
    }
  });
});
