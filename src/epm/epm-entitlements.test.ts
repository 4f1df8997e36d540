import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pl from "nodejs-polars";
import { EntitlementRoleError } from "../errors/entitlement-role-error.js";
import { epmRoleSources } from "../simulator/epm/epm-sim-security-routes.js";
import { type Simulator, startSimulator } from "../simulator/start-simulator.js";
import { EpmClient } from "./epm-client.js";
import { EPM_ENTITLEMENT_SCHEMAS } from "./epm-entitlements.js";

// Real HTTP to the simulator; expected rows from its tenant (the same one its reports come from).
let sim: Simulator;
let epm: EpmClient;
before(async () => {
  sim = await startSimulator({ seed: 3, clock: { start: Date.parse("2026-11-15T12:00:00Z"), frozen: true } });
  epm = new EpmClient({ ...sim.epm.clientOptions, pollIntervalMs: 1 });
});
after(async () => {
  await epm.close();
  await sim.close();
});

const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
const active = () =>
  sim.epm.tenant.accounts.filter((a) => a.active && epmRoleSources(sim.epm.tenant, a).size > 0);

test("userRoles(): every role of every user, direct and through (nested) groups", async () => {
  const roles = await epm.entitlements.userRoles();
  assert.deepEqual(roles.columns, Object.keys(EPM_ENTITLEMENT_SCHEMAS.userRoles));
  const expected = active().flatMap((a) =>
    [...epmRoleSources(sim.epm.tenant, a)].flatMap(([role, sources]) =>
      [...new Set(sources)].map((s) => ({
        userLogin: a.login,
        role,
        grantedThrough: s === "" ? "Direct" : s,
      })),
    ),
  );
  assert.deepEqual(sorted(roles.select("userLogin", "role", "grantedThrough").toRecords()), sorted(expected));
  const tiers = new Set(
    roles
      .filter(pl.col("role").eq(pl.lit("Viewer")))
      .getColumn("roleTier")
      .toArray(),
  );
  assert.deepEqual([...tiers], ["application"]);
});

test("the sync list agrees with the provisioning (Role Assignment) report job, pair for pair", async () => {
  const roles = await epm.entitlements.userRoles();
  const report = await epm.entitlements.provisioning();
  const pairs = (rows: Array<Record<string, unknown>>) =>
    [...new Set(rows.map((r) => `${r.userLogin}|${r.role}`))].sort();
  assert.deepEqual(pairs(roles.toRecords()), pairs(report.toRecords()));
});

test("groupMembers() and userGroups(): direct members, nested groups marked", async () => {
  const members = await epm.entitlements.groupMembers();
  const tenant = sim.epm.tenant;
  const expected = tenant.groups.flatMap((g) => [
    ...tenant.accounts
      .filter((a) => a.active && a.groups.includes(g.name))
      .map((a) => ({ group: g.name, groupType: g.type, memberType: "user", member: a.login })),
    ...tenant.groups
      .filter((c) => c.parent === g.name)
      .map((c) => ({ group: g.name, groupType: g.type, memberType: "group", member: c.name })),
  ]);
  assert.deepEqual(sorted(members.toRecords()), sorted(expected));
  const groups = await epm.entitlements.userGroups();
  const nested = groups.filter(groups.getColumn("direct").not());
  assert.ok(nested.height > 0);
  assert.deepEqual(
    [...new Set(nested.getColumn("group").toArray())].sort(),
    ["Consolidation Team", "Finance Planners"].filter((g) => nested.getColumn("group").toArray().includes(g)),
  );
});

test("snapshot(): role and group rows keyed by person", async () => {
  const snapshot = await epm.entitlements.snapshot();
  const roles = await epm.entitlements.userRoles();
  const groups = await epm.entitlements.userGroups();
  assert.equal(snapshot.height, roles.height + groups.height);
  assert.deepEqual([...new Set(snapshot.getColumn("system").toArray())], ["epm"]);
  const people = snapshot.getColumn("person").toArray() as string[];
  assert.ok(people.every((p) => p === p.toLowerCase() && p.includes("@")));
});

test("without the Access Control role: EntitlementRoleError naming it", async () => {
  sim.epm.security.accessControl = false;
  try {
    await assert.rejects(epm.entitlements.userRoles(), (e: unknown) => {
      assert.ok(e instanceof EntitlementRoleError);
      assert.equal(e.code, "E_MISSING_ROLE");
      assert.equal(e.role, "Access Control - View (or Service Administrator)");
      assert.equal(e.apiStatus, "EPMCSS-21009");
      return true;
    });
  } finally {
    sim.epm.security.accessControl = true;
  }
});
