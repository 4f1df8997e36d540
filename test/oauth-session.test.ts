import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import { EpmClient } from "../src/epm/epm-client.js";
import { AuthError } from "../src/errors/auth-error.js";
import { ValidationError } from "../src/errors/validation-error.js";
import { OAuthSession } from "../src/oauth/oauth-session.js";
import { refreshOAuthTokens } from "../src/oauth/refresh-oauth-tokens.js";
import type { Simulator } from "../src/simulator/start-simulator.js";
import {
  anaplanProvider,
  epmProvider,
  plumbing,
  renderings,
  startOAuthSimulator,
  storedLogin,
  tempStore,
} from "./oauth-helpers.js";

let sim: Simulator;
let temp: ReturnType<typeof tempStore>;
before(async () => {
  sim = await startOAuthSimulator();
});
after(() => sim.close());
beforeEach(() => {
  temp?.cleanup();
  temp = tempStore();
});
after(() => temp.cleanup());

const anaplanClient = (session: OAuthSession) => {
  const { authUrl, auditUrl, apiUrl } = sim.anaplan.urls;
  return new AnaplanClient({
    oauth: session,
    authUrl,
    auditUrl,
    apiUrl,
    now: () => sim.clock.now(),
    retry: { limit: 0 },
    log: { warn: () => {} },
  });
};
const session = (now = () => sim.clock.now()) =>
  new OAuthSession({ store: temp.store, system: "anaplan", now });
const stored = () => JSON.parse(readFileSync(temp.store.path, "utf8")).profiles;

describe("OAuth sessions: refresh, rotation, sharing", () => {
  it("the stored sign-in is 0600 in a 0700 folder, and a client reads events with it", async () => {
    await storedLogin(sim, anaplanProvider(sim), temp.store);
    assert.equal(statSync(temp.store.path).mode & 0o777, 0o600);
    assert.equal(statSync(dirname(temp.store.path)).mode & 0o777, 0o700);
    const client = anaplanClient(session());
    try {
      const users = await client.audit.listUsers();
      assert.equal(users.height, sim.anaplan.users().length);
      assert.equal(client.authKind, "oauth");
      assert.equal(sim.oauth.anaplan.counters.refreshes, 0);
    } finally {
      await client.close();
    }
  });

  it("an expired access token is refreshed once; the rotated refresh token replaces the spent one in the file", async () => {
    await storedLogin(sim, anaplanProvider(sim), temp.store);
    const first = stored().anaplan.refreshToken;
    const refreshes = sim.oauth.anaplan.counters.refreshes;
    sim.clock.advance(36 * 60_000); // past the 35-minute access token
    const client = anaplanClient(session());
    try {
      await client.audit.listUsers();
      await client.audit.listUsers();
    } finally {
      await client.close();
    }
    assert.equal(sim.oauth.anaplan.counters.refreshes - refreshes, 1);
    const second = stored().anaplan.refreshToken;
    assert.notEqual(second, first);
    // The spent token is refused by the server: only the stored one is valid.
    const { transport, redactor } = plumbing();
    const reuse = await refreshOAuthTokens(anaplanProvider(sim), first, {
      transport,
      redactor,
      now: () => sim.clock.now(),
    }).catch((e: unknown) => e);
    await transport.close();
    assert.ok(reuse instanceof AuthError);
    assert.equal(reuse.apiMessage, "The refresh token has already been used");
  });

  it("a token the API refuses (expired server-side) makes every request in flight share one refresh", async () => {
    await storedLogin(sim, anaplanProvider(sim), temp.store);
    const client = anaplanClient(session());
    try {
      await client.audit.listUsers();
      sim.anaplan.expireTokensNow();
      const refreshes = sim.oauth.anaplan.counters.refreshes;
      const frames = await Promise.all(Array.from({ length: 6 }, () => client.audit.listUsers()));
      assert.deepEqual(
        frames.map((f) => f.height),
        Array(6).fill(sim.anaplan.users().length),
      );
      assert.equal(sim.oauth.anaplan.counters.refreshes - refreshes, 1);
    } finally {
      await client.close();
    }
  });

  it("two processes (two sessions on one file) refreshing at once spend the refresh token once and share the new one", async () => {
    await storedLogin(sim, anaplanProvider(sim), temp.store);
    sim.clock.advance(36 * 60_000);
    const refreshes = sim.oauth.anaplan.counters.refreshes;
    const refused = sim.oauth.anaplan.counters.refusedRefreshes;
    const a = anaplanClient(
      new OAuthSession({ store: temp.store, system: "anaplan", now: () => sim.clock.now() }),
    );
    const b = anaplanClient(
      new OAuthSession({ store: temp.store, system: "anaplan", now: () => sim.clock.now() }),
    );
    try {
      await Promise.all([a.audit.listUsers(), b.audit.listUsers()]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    assert.equal(sim.oauth.anaplan.counters.refreshes - refreshes, 1);
    assert.equal(sim.oauth.anaplan.counters.refusedRefreshes - refused, 0);
  });

  it("a revoked refresh token: AuthError saying to run login again; the dead token is removed from the file", async () => {
    await storedLogin(sim, anaplanProvider(sim), temp.store);
    const dead = stored().anaplan.refreshToken as string;
    sim.oauth.anaplan.revokeRefreshTokens();
    sim.clock.advance(36 * 60_000);
    const client = anaplanClient(session());
    const error = await client.audit.listUsers().catch((e: unknown) => e);
    await client.close();
    assert.ok(error instanceof AuthError);
    assert.equal(error.apiStatus, "invalid_grant");
    assert.match(error.message, /run `epm-audit-kit login anaplan` again/);
    for (const text of renderings(error)) assert.ok(!text.includes(dead), "refresh token leaked");
    assert.equal(stored().anaplan.refreshToken, undefined);
    const again = await anaplanClient(session())
      .audit.listUsers()
      .catch((e: unknown) => e);
    assert.ok(again instanceof ValidationError);
    assert.match(again.message, /run `epm-audit-kit login anaplan` first/);
  });

  it("a refresh token past its lifetime (43,000 s for the simulator's client) is refused the same way", async () => {
    await storedLogin(sim, anaplanProvider(sim), temp.store);
    sim.clock.advance(43_001_000);
    const client = anaplanClient(session());
    const error = await client.audit.listUsers().catch((e: unknown) => e);
    await client.close();
    assert.ok(error instanceof AuthError);
    assert.match(error.apiMessage ?? "", /^Token is expired for client : /);
  });

  it("EPM: Bearer from the stored sign-in; after an hour the token is refreshed with the single-use refresh token", async () => {
    await storedLogin(sim, epmProvider(sim), temp.store);
    const epm = new EpmClient({
      url: sim.epm.url,
      oauth: new OAuthSession({ store: temp.store, system: "epm", now: () => sim.clock.now() }),
      now: () => sim.clock.now(),
      pollIntervalMs: 1,
      log: { warn: () => {} },
    });
    try {
      const before = (await epm.files.list()).length;
      sim.clock.advance(61 * 60_000);
      const refreshes = sim.oauth.epm.counters.refreshes;
      assert.equal((await epm.files.list()).length, before);
      assert.equal(sim.oauth.epm.counters.refreshes - refreshes, 1);
    } finally {
      await epm.close();
    }
  });

  it("a sign-in stored for another client id is not used", async () => {
    await storedLogin(sim, anaplanProvider(sim), temp.store);
    const other = new OAuthSession({
      store: temp.store,
      system: "anaplan",
      clientId: "another",
      now: () => sim.clock.now(),
    });
    const error = await anaplanClient(other)
      .audit.listUsers()
      .catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError);
    assert.match(error.message, /another OAuth client/);
  });
});
