import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pl from "nodejs-polars";
import { accessEvents } from "../frames/access-events.js";
import { entitlementChangesOverSnapshots } from "../frames/entitlement-changes.js";
import { explainChanges } from "../frames/explain-changes.js";
import { personAccounts } from "../frames/person-accounts.js";
import { withEpmPersons } from "../frames/with-epm-persons.js";
import { type Simulator, startSimulator } from "../simulator/start-simulator.js";
import { EpmClient } from "./epm-client.js";

// End to end over real HTTP: List Users snapshots at 00:00 UTC on five simulated days, the Role
// and Group Assignment Audit report jobs over those days, then entitlementChangesOverSnapshots +
// explainChanges must give exactly the simulator's ground truth.
const START = Date.parse("2026-11-10T00:00:00Z");
const DAY = 86_400_000;
let sim: Simulator;
let epm: EpmClient;
before(async () => {
  sim = await startSimulator({ seed: 21, clock: { start: START, frozen: true } });
  epm = new EpmClient({ ...sim.epm.clientOptions, pollIntervalMs: 1 });
});
after(async () => {
  await epm.close();
  await sim.close();
});

test("EPM snapshots over five days: unexplained and without-effect sets equal the simulator's truth", async () => {
  const times = [0, 1, 2, 3, 4].map((d) => START + d * DAY);
  const snapshots: pl.DataFrame[] = [];
  const logins: pl.DataFrame[] = [];
  for (const t of times) {
    sim.clock.set(t);
    const snapshot = await epm.entitlements.snapshot();
    snapshots.push(snapshot.withColumns(pl.lit(new Date(t).toISOString().slice(0, 10)).alias("snapshot")));
    logins.push((await epm.entitlements.userRoles()).select("userLogin", "email"));
  }
  const window = { from: "2026-11-10", to: "2026-11-14" };
  const events = withEpmPersons(
    accessEvents({
      epmRoleAssignmentAudit: await epm.reports.roleAssignmentAudit(window),
      epmGroupAssignmentAudit: await epm.reports.groupAssignmentAudit(window),
    }),
    personAccounts({ epmUsers: pl.concat(logins, { how: "vertical" }) }),
  );
  const changes = entitlementChangesOverSnapshots(pl.concat(snapshots, { how: "vertical" }));
  const result = explainChanges(changes, events, { snapshotDays: { from: "2026-11-10", to: "2026-11-14" } });
  const truth = sim.epm.entitlementTruth(times);

  const changeKey = (r: { [k: string]: unknown }) =>
    [r.person, r.right, r.rightType, r.change, r.fromSnapshot, r.toSnapshot].join("|");
  assert.deepEqual(
    (result.unexplained.toRecords() as Record<string, unknown>[]).map(changeKey).sort(),
    truth.unexplained.map((c) => changeKey({ ...c })).sort(),
  );
  const eventKey = (r: { at: unknown; right: unknown; rightType: unknown; change: unknown }) =>
    [r.at instanceof Date ? r.at.getTime() : r.at, r.right, r.rightType, r.change].join("|");
  assert.deepEqual(
    (
      result.withoutEffect.toRecords() as Array<{
        at: unknown;
        right: unknown;
        rightType: unknown;
        change: unknown;
      }>
    )
      .map(eventKey)
      .sort(),
    truth.withoutEffect.map(eventKey).sort(),
  );
  // Seed 21: 9 changes explained by their audit row, 14 not (3 planted, the rest rights that
  // followed from them or from group changes, e.g. roles inherited through a group), 16 rows without effect.
  assert.deepEqual(
    [result.explained.height, result.unexplained.height, result.withoutEffect.height],
    [9, 14, 16],
  );
  const accounts = new Map(sim.epm.tenant.accounts.map((a) => [a.login, a]));
  const personOf = (login: string) => {
    const a = accounts.get(login)!;
    return a.login.includes("@") ? a.login.toLowerCase() : a.email.toLowerCase();
  };
  const unexplained = new Set(
    (result.unexplained.toRecords() as Record<string, unknown>[]).map((r) =>
      [r.person, r.right, r.rightType, r.change].join("|"),
    ),
  );
  const planted = sim.epm.plantedUnexplained();
  assert.equal(planted.length, 3);
  for (const p of planted)
    assert.ok(unexplained.has([personOf(p.login), p.name, p.kind, p.change].join("|")), p.name);
});
