import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { EpmClient } from "../src/epm/epm-client.js";
import { EpmClient as Client } from "../src/epm/epm-client.js";
import { EPM_REPORTS, type EpmReportName } from "../src/epm/epm-report-definitions.js";
import { generatePeople } from "../src/simulator/people.js";
import type { Simulator } from "../src/simulator/start-simulator.js";
import { assertReportFrame, basicClient, fastOptions, RANGE_30, startEpmSimulator } from "./epm-helpers.js";

let sim: Simulator;
let epm: EpmClient;
before(async () => {
  sim = await startEpmSimulator();
  epm = basicClient(sim);
});
after(async () => {
  await epm.close();
  await sim.close();
});

const AUDITS = ["groupAssignmentAudit", "roleAssignmentAudit", "invalidLogins", "userLogins"] as const;

for (const name of AUDITS) {
  test(`${name}: the exact ground-truth frame over 30 days, typed by its schema`, async () => {
    const df = await epm.reports[name](RANGE_30);
    const expected = sim.epm.expectedRows(name, RANGE_30);
    assert.ok(expected.length > 20, `${name} has rows in the window`);
    assertReportFrame(df, EPM_REPORTS[name].schema, expected);
  });
}

for (const name of ["roleAssignments", "userGroups"] as const) {
  test(`${name}: the exact current-state frame, typed by its schema`, async () => {
    const df = await epm.reports[name]();
    assertReportFrame(df, EPM_REPORTS[name].schema, sim.epm.expectedRows(name));
  });
}

test("Date objects work as range ends and mean their UTC day", async () => {
  const df = await epm.reports.groupAssignmentAudit({
    from: new Date("2026-11-02T23:59:00Z"),
    to: new Date("2026-11-06T00:00:01Z"),
  });
  const expected = sim.epm.expectedRows("groupAssignmentAudit", { from: "2026-11-02", to: "2026-11-06" });
  assertReportFrame(df, EPM_REPORTS.groupAssignmentAudit.schema, expected);
});

test("Bearer (OAuth token) auth gets the same frames as Basic", async () => {
  const byToken = new Client({
    url: sim.epm.url,
    token: sim.epm.token,
    now: () => sim.clock.now(),
    ...fastOptions(),
  });
  try {
    const df = await byToken.reports.invalidLogins(RANGE_30);
    assertReportFrame(df, EPM_REPORTS.invalidLogins.schema, sim.epm.expectedRows("invalidLogins", RANGE_30));
    const schemes = new Set(sim.requests.slice(-5).map((r) => r.authScheme));
    assert.deepEqual([...schemes], ["Bearer"]);
  } finally {
    await byToken.close();
  }
});

test("quoted commas and quoted newlines survive the round trip", async () => {
  const roles = await epm.reports.roleAssignments();
  const through = roles.getColumn("grantedThrough").toArray() as string[];
  const multi = through.filter((t) => t.includes("\n"));
  assert.ok(multi.length > 0, "some role comes through several groups");
  assert.ok(
    multi.some((t) => t.split("\n").includes("Planners, EMEA") || t.split("\n").includes("Finance Planners")),
  );
  const groups = await epm.reports.userGroups();
  assert.ok((groups.getColumn("group").toArray() as string[]).includes("Planners, EMEA"));
  assert.ok((groups.getColumn("lastName").toArray() as string[]).includes("O'Brien"));
});

test("an empty window gives zero rows with the report's full schema", async () => {
  const midnight = Date.parse("2026-11-20T00:00:00Z");
  const saved = sim.clock.now();
  sim.clock.set(midnight);
  try {
    for (const name of AUDITS) {
      const df = await epm.reports.fetch(name as EpmReportName, { from: "2026-11-20", to: "2026-11-20" });
      assert.equal(sim.epm.expectedRows(name, { from: "2026-11-20", to: "2026-11-20" }).length, 0);
      assertReportFrame(df, EPM_REPORTS[name].schema, []);
    }
  } finally {
    sim.clock.set(saved);
  }
});

test("EPM accounts come from the people shared with Anaplan: logins, e-mails, active flags", async () => {
  const people = generatePeople(1, 300).filter((p) => p.inEpm);
  const groups = await epm.reports.userGroups();
  const logins = new Set(groups.getColumn("userLogin").toArray() as string[]);
  assert.deepEqual([...logins].sort(), people.map((p) => p.epmLogin).sort());
  const emails = new Set(groups.getColumn("email").toArray() as string[]);
  assert.deepEqual([...emails].sort(), people.map((p) => p.email).sort());
  // Deactivated accounts are left out of the Role Assignment report.
  const roles = await epm.reports.roleAssignments();
  const withRoles = new Set(roles.getColumn("userLogin").toArray() as string[]);
  const inactive = people.filter((p) => !p.epmActive);
  assert.ok(inactive.length > 0);
  for (const p of inactive) assert.ok(!withRoles.has(p.epmLogin), p.epmLogin);
});

test("group and role changes include self-assignments and changes by a few admins", async () => {
  const admins = new Set(sim.epm.tenant.accounts.filter((a) => a.admin).map((a) => a.login));
  for (const name of ["groupAssignmentAudit", "roleAssignmentAudit"] as const) {
    const df = await epm.reports[name](RANGE_30);
    const rows = df.toRecords() as Array<{ name: string; performedBy: string }>;
    assert.ok(
      rows.some((r) => r.name === r.performedBy),
      `${name} has a self-assignment`,
    );
    const byAdmin = rows.filter((r) => admins.has(r.performedBy)).length;
    assert.ok(byAdmin / rows.length > 0.6, `${name}: most changes by admins (${byAdmin}/${rows.length})`);
  }
});
