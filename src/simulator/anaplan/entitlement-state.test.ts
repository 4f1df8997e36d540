import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createAnaplanTenant } from "./anaplan-tenant.js";
import { EntitlementState } from "./entitlement-state.js";

const DAY_MS = 86_400_000;
const origin = Date.parse("2026-11-01T00:00:00Z");

describe("EntitlementState.servedAt", () => {
  const tenant = createAnaplanTenant(1, 400);
  const state = new EntitlementState(tenant, 1, origin);

  test("its indexes hold exactly the facts of factsAt, sorted, before and after each planted change", () => {
    for (const at of [
      origin,
      ...state.planted.map((p) => p.at - 1),
      ...state.planted.map((p) => p.at),
      origin + 9 * DAY_MS,
    ]) {
      const facts = state.factsAt(at);
      const served = state.servedAt(at);
      assert.deepEqual([...served.facts].sort(), [...facts].sort());
      const rebuilt: string[] = [];
      for (const [key, who] of served.byWorkspace) {
        assert.deepEqual(who, [...who].sort(), key);
        for (const w of who) rebuilt.push(`${key}|${w}`);
      }
      for (const [user, licences] of served.licences) {
        assert.deepEqual(licences, [...licences].sort(), user);
        for (const l of licences) rebuilt.push(`licence|${l}|${user}`);
      }
      assert.deepEqual(rebuilt.sort(), [...facts].sort());
    }
  });

  test("is computed once per set of planted changes in effect, and factsAt still returns a fresh copy", () => {
    assert.equal(state.servedAt(origin), state.servedAt(origin + 1));
    assert.notEqual(state.servedAt(origin), state.servedAt(origin + 9 * DAY_MS));
    const copy = state.factsAt(origin);
    copy.clear();
    assert.ok(state.factsAt(origin).size > 0);
    assert.ok(state.servedAt(origin).facts.size > 0);
  });

  test("user finds a listed account by id", () => {
    const u = tenant.listed[5]!;
    assert.equal(state.user(u.id), u);
    assert.equal(state.user("no-such-id"), undefined);
  });
});
