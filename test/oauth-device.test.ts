import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { request } from "undici";
import { AuthError } from "../src/errors/auth-error.js";
import { epmOAuthProvider } from "../src/oauth/oauth-provider.js";
import { SIM_EPM_CLIENT } from "../src/simulator/oauth/oauth-simulator.js";
import type { Simulator } from "../src/simulator/start-simulator.js";
import {
  anaplanProvider,
  epmProvider,
  loginOnSimClock,
  renderings,
  startOAuthSimulator,
} from "./oauth-helpers.js";

let sim: Simulator;
before(async () => {
  sim = await startOAuthSimulator();
});
after(() => sim.close());

describe("device authorization grant against the simulated servers", () => {
  it("Anaplan: pending twice, approved before the third poll, tokens as the server issued them", async () => {
    const polls = sim.oauth.anaplan.counters.polls;
    const { waits, tokens } = await loginOnSimClock(sim, anaplanProvider(sim), (prompt, n) => {
      if (n === 3) assert.equal(sim.oauth.anaplan.approve(prompt.userCode), true);
    });
    assert.deepEqual(waits, [5000, 5000, 5000]);
    assert.equal(sim.oauth.anaplan.counters.polls - polls, 3);
    assert.equal(tokens.expiresAt - tokens.obtainedAt, 2_100_000);
    assert.equal(tokens.obtainedAt, sim.clock.now());
    assert.ok(tokens.refreshToken && tokens.refreshToken.length >= 40);
    // The access token works on the Audit API as `AnaplanAuthToken`.
    const res = await request(`${sim.anaplan.urls.auditUrl}/events?limit=1&offset=0`, {
      headers: { authorization: `AnaplanAuthToken ${tokens.accessToken}` },
    });
    assert.equal(res.statusCode, 200);
    await res.body.text();
  });

  it("opening the verification URL (complete with the code) approves it, as a browser would", async () => {
    const statuses: number[] = [];
    const { tokens } = await loginOnSimClock(sim, epmProvider(sim), async (prompt, n) => {
      if (n !== 1) return;
      const res = await request(prompt.verificationUriComplete!);
      await res.body.text();
      statuses.push(res.statusCode);
    });
    assert.deepEqual(statuses, [200]);
    assert.ok(tokens.accessToken.startsWith("idcs."));
  });

  it("slow_down adds 5 seconds to the interval (RFC 8628)", async () => {
    const before = sim.oauth.anaplan.counters.slowDowns;
    const { waits } = await loginOnSimClock(sim, anaplanProvider(sim), (prompt, n) => {
      if (n === 2) sim.clock.advance(-1000); // poll 2 comes 4 s after poll 1: too fast
      if (n === 3) sim.oauth.anaplan.approve(prompt.userCode);
    });
    assert.equal(sim.oauth.anaplan.counters.slowDowns - before, 1);
    assert.deepEqual(waits, [5000, 5000, 10000]);
  });

  it("a denied sign-in is an AuthError access_denied that says to log in again", async () => {
    const error = await loginOnSimClock(sim, anaplanProvider(sim), (prompt) => {
      sim.oauth.anaplan.deny(prompt.userCode);
    }).catch((e: unknown) => e);
    assert.ok(error instanceof AuthError);
    assert.equal(error.code, "E_AUTH");
    assert.equal(error.apiStatus, "access_denied");
    assert.match(error.message, /denied in the browser; run `epm-audit-kit login anaplan` again/);
  });

  it("a code nobody approves expires: AuthError expired_token after the code's 900 s, polling stops", async () => {
    const polls = sim.oauth.anaplan.counters.polls;
    const error = await loginOnSimClock(sim, anaplanProvider(sim), () => {}).catch((e: unknown) => e);
    assert.ok(error instanceof AuthError);
    assert.equal(error.apiStatus, "expired_token");
    assert.match(error.message, /login anaplan` again/);
    assert.equal(sim.oauth.anaplan.counters.polls - polls, 180); // 900 s / 5 s
  });

  it("EPM: form bodies, the concatenated-URN scope, Bearer tokens the EPM API accepts", async () => {
    const { tokens } = await loginOnSimClock(sim, epmProvider(sim), (prompt) => {
      sim.oauth.epm.approve(prompt.userCode);
    });
    assert.equal(tokens.expiresAt - tokens.obtainedAt, 3_600_000);
    const res = await request(`${sim.epm.url}/interop/rest/v2/files/list`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    assert.equal(res.statusCode, 200);
    await res.body.text();
  });

  it("EPM: a scope the identity domain does not grant is refused before any code is shown", async () => {
    const provider = epmOAuthProvider({ url: `${sim.url}/idcs`, clientId: SIM_EPM_CLIENT, scope: "999" });
    let prompted = false;
    const error = await loginOnSimClock(sim, provider, () => {
      prompted = true;
    }).catch((e: unknown) => e);
    assert.ok(error instanceof AuthError);
    assert.equal(error.apiStatus, "invalid_scope");
    assert.equal(prompted, false);
  });

  it("an unknown client is an AuthError naming the variable to check, and no code leaks", async () => {
    const provider = { ...anaplanProvider(sim), clientId: "0000deadbeef" };
    const error = await loginOnSimClock(sim, provider, () => {}).catch((e: unknown) => e);
    assert.ok(error instanceof AuthError);
    assert.equal(error.apiStatus, "invalid_client");
    assert.match(error.message, /ANAPLAN_OAUTH_CLIENT_ID/);
    for (const text of renderings(error)) assert.ok(!/device_code|refresh_token"/.test(text));
  });
});
