import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import { EpmClient } from "../src/epm/epm-client.js";
import { accessRights } from "../src/rules/access-rights.js";
import { anaplanRights } from "../src/rules/anaplan-rights.js";
import { DEFAULT_RULES } from "../src/rules/default-rules.js";
import { findings } from "../src/rules/findings.js";
import type { FindingsFrames } from "../src/rules/findings-input.js";
import type { Rule } from "../src/rules/rule.js";
import type { ExpectedFinding } from "../src/simulator/expected-findings.js";
import { type Simulator, startSimulator } from "../src/simulator/start-simulator.js";
import { fastOptions } from "./epm-helpers.js";

const NOW = "2026-11-20T12:00:00Z";
const DAY = 86_400_000;
let sim: Simulator;
let anaplan: AnaplanClient;
let epm: EpmClient;

before(async () => {
  sim = await startSimulator({ port: 0, seed: 1, clock: { start: NOW, frozen: true } });
  anaplan = new AnaplanClient(sim.anaplan.clientOptions);
  epm = new EpmClient({ ...sim.epm.clientOptions, ...fastOptions() });
});
after(async () => {
  await anaplan.close();
  await epm.close();
  await sim.close();
});

/**
 * The frames the rules read, fetched over HTTP through the kit's clients: events and audit rows
 * of the window, and the rights held now (EPM roles and groups, Anaplan entitlements).
 */
async function fetchFrames(window: { from: string; to: string }): Promise<FindingsFrames> {
  return {
    // getEvents reads [from, to): the day after the window's last day is its end.
    anaplanEvents: await anaplan.audit.getEvents({ from: window.from, to: nextDay(window.to) }),
    anaplanUsers: await anaplan.audit.listUsers(),
    epmRoleAssignmentAudit: await epm.reports.roleAssignmentAudit(window),
    epmGroupAssignmentAudit: await epm.reports.groupAssignmentAudit(window),
    epmInvalidLogins: await epm.reports.invalidLogins(window),
    ...(await heldRights()),
  };
}

/** The rights held now (EPM roles and groups, Anaplan entitlements), and the EPM accounts. */
async function heldRights(): Promise<FindingsFrames> {
  const roles = await epm.reports.roleAssignments();
  return {
    rights: accessRights({
      epmRoleAssignments: roles,
      epmUserGroups: await epm.reports.userGroups(),
      extra: anaplanRights(await anaplan.entitlements.snapshot()),
    }),
    epmAccounts: roles,
  };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

const key = (f: ExpectedFinding) =>
  `${f.ruleId} | ${f.system} | ${f.person} | ${f.firstSeen === null ? "-" : new Date(f.firstSeen).toISOString()} | ${f.lastSeen === null ? "-" : new Date(f.lastSeen).toISOString()}`;

const time = (v: unknown) => (v instanceof Date ? v.getTime() : null);

async function found(
  window: { from: string; to: string },
  frames?: FindingsFrames,
  rules: readonly Rule[] = DEFAULT_RULES,
) {
  const result = findings(frames ?? (await fetchFrames(window)), rules, {
    window: { from: `${window.from}T00:00:00Z`, to: `${nextDay(window.to)}T00:00:00Z` },
  });
  const rows = result.findings.select("ruleId", "person", "system", "firstSeen", "lastSeen").toRecords();
  const keys = rows.map((r) =>
    key({
      ruleId: String(r.ruleId),
      person: String(r.person),
      system: String(r.system),
      firstSeen: time(r.firstSeen),
      lastSeen: time(r.lastSeen),
    }),
  );
  return { keys: keys.sort(), result };
}

describe("the default rules on the simulator", () => {
  for (const window of [
    { from: "2026-11-14", to: "2026-11-19" },
    { from: "2026-10-25", to: "2026-11-05" },
    { from: "2026-10-22", to: "2026-11-19" },
  ]) {
    it(`find exactly the simulator's expected findings in ${window.from} → ${window.to}`, async () => {
      const { keys, result } = await found(window);
      // Dormancy over 90 days cannot be judged from these windows: its planted account is checked below.
      const expected = sim
        .plantedFindings(window)
        .filter((f) => f.ruleId !== "dormant-privileged")
        .map(key)
        .sort();
      assert.ok(expected.length > 10, "the window has findings to find");
      assert.deepEqual(keys, expected);
      assert.deepEqual(
        sim.plantedFindings(window).filter((f) => f.ruleId === "sod-admin-both-systems"),
        [
          {
            ruleId: "sod-admin-both-systems",
            person: "hiro.kim@example.com",
            system: "anaplan+epm",
            firstSeen: null,
            lastSeen: null,
          },
        ],
        "the planted conflict, whatever the window",
      );
      assert.ok(result.ran.includes("sod-admin-both-systems"));
      assert.deepEqual(result.partial, []);
      assert.deepEqual(
        result.skipped.map((s) => s.ruleId),
        ["dormant-privileged"],
        "dormancy over 90 days cannot be judged from a shorter window: skipped, not clean",
      );
    });
  }

  it("over 91 days of EPM sign-ins, the rules over held rights find exactly the planted dormant account and conflict, and say Anaplan dormancy was not judged", async () => {
    const window = { from: "2026-08-21", to: "2026-11-19" };
    const held = DEFAULT_RULES.filter(
      (r) => r.kind === "dormant-privileged" || r.kind === "segregation-of-duties",
    );
    const frames = { ...(await heldRights()), epmUserLogins: await epm.reports.userLogins(window) };
    const { keys, result } = await found(window, frames, held);
    const expected = sim.plantedFindings(window).filter((f) => held.some((r) => r.id === f.ruleId));
    assert.deepEqual(
      expected.map((f) => [f.ruleId, f.system, f.person]),
      [
        ["dormant-privileged", "epm", "chloe.silva@example.com"],
        ["sod-admin-both-systems", "anaplan+epm", "hiro.kim@example.com"],
      ],
    );
    assert.deepEqual(keys, expected.map(key).sort());
    assert.deepEqual(result.skipped, []);
    // Anaplan keeps 30 days of events, so its administrators' dormancy is not judged here: said, not hidden.
    assert.deepEqual(result.partial, [
      {
        ruleId: "dormant-privileged",
        reason:
          "could not judge the privileged holders of anaplan: no sign-ins were read there (anaplanEvents)",
      },
    ]);
    assert.ok(
      sim.epm.tenant.accounts.some(
        (a) => a.login === sim.epm.tenant.dormant && a.roles.includes("Power User"),
      ),
    );
  });

  it("every planted violation is among them, at its exact time", async () => {
    const window = { from: "2026-11-14", to: "2026-11-19" };
    const expected = sim.plantedFindings(window);
    const users = new Map(sim.anaplan.users().map((u) => [u.id, u.email.toLowerCase()]));
    const person = (id: string) => users.get(id) ?? id;
    const has = (ruleId: string, system: string, who: string, at: number) =>
      expected.some(
        (f) =>
          f.ruleId === ruleId &&
          f.system === system &&
          f.person === who &&
          f.firstSeen! <= at &&
          at <= f.lastSeen!,
      );
    const planted = sim.anaplan.planted;
    assert.equal(planted.length, 22);
    for (const p of planted) {
      const at = p.eventDate;
      if (p.why === "privileged grant")
        assert.ok(has("privileged-grant", "anaplan", person(p.objectId!), at), p.why);
      if (p.why === "self-grant at night") {
        assert.ok(has("self-grant", "anaplan", person(p.userId), at), p.why);
        assert.ok(has("change-window", "anaplan", person(p.userId), at), p.why);
      }
      if (p.why === "privileged change outside business hours")
        assert.ok(has("change-window", "anaplan", person(p.userId), at), p.why);
      if (p.why === "sign-in by a deleted user")
        assert.ok(has("deactivated-sign-in", "anaplan", p.userId, at), p.why);
      if (p.why === "failed sign-in burst (account)")
        assert.ok(has("failed-sign-in-burst-account", "anaplan", person(p.userId), at), p.why);
      if (p.why === "failed sign-in burst (address)")
        assert.ok(has("failed-sign-in-burst-address", "anaplan", p.ipAddress, at), p.why);
    }
    const rows = [...sim.epm.plantedRows.values()];
    const self = rows.flatMap((d) => d.roleChanges ?? [])[0]!;
    assert.ok(has("self-grant", "epm", self.name.toLowerCase(), self.at));
    assert.ok(has("change-window", "epm", self.performedBy.toLowerCase(), self.at));
    const invalid = rows.flatMap((d) => d.invalidLogins ?? []);
    for (const row of invalid.filter((r) => r.ipAddress === "192.0.2.250"))
      assert.ok(has("failed-sign-in-burst-account", "epm", row.userName.toLowerCase(), row.at));
    for (const row of invalid.filter((r) => r.ipAddress === "192.0.2.251"))
      assert.ok(has("failed-sign-in-burst-address", "epm", row.ipAddress, row.at));
  });
});
