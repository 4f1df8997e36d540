import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pl from "nodejs-polars";
import { accessEvents } from "../../frames/access-events.js";
import { entitlementChangesOverSnapshots } from "../../frames/entitlement-changes.js";
import { ENTITLEMENT_SCHEMA } from "../../frames/entitlement-schema.js";
import { explainChanges } from "../../frames/explain-changes.js";
import { type Simulator, startSimulator } from "../../simulator/start-simulator.js";
import { AnaplanClient } from "../anaplan-client.js";
import { rowsFrame } from "./anaplan-entitlement-schemas.js";
import { tenantRolesFromEvents } from "./tenant-roles-from-events.js";

// End to end over real HTTP: a snapshot at 00:00 UTC on five simulated days, the audit events
// read as the days pass, then entitlementChangesOverSnapshots + explainChanges must find exactly
// the simulator's planted unexplained changes and its privileged events without effect.
const START = Date.parse("2026-11-10T00:00:00Z");
const DAY = 86_400_000;
let sim: Simulator;
let anaplan: AnaplanClient;

before(async () => {
  sim = await startSimulator({
    seed: 11,
    clock: { start: START, frozen: true },
    anaplan: { users: 300, eventsPerDay: 400 },
  });
  anaplan = new AnaplanClient({ ...sim.anaplan.clientOptions, scanInWorker: false });
});
after(async () => {
  await anaplan.close();
  await sim.close();
});

test("snapshots over five days: unexplained = the planted changes, without effect = the planted events", async () => {
  const users = await anaplan.audit.listUsers();
  const emails = new Map(
    (users.select("id", "email").toRecords() as Array<{ id: string; email: string }>).map((u) => [
      u.id,
      u.email.toLowerCase(),
    ]),
  );
  // The Access Control → Assignments export at the first snapshot: the baseline of the replay.
  const baseline = rowsFrame(
    ENTITLEMENT_SCHEMA,
    sim.anaplan.entitlements.tenantRoles(START).map((r) => ({
      person: emails.get(r.userId) ?? r.userId,
      system: "anaplan",
      scope: "tenant",
      scopeId: null,
      scopeName: null,
      right: r.roleName,
      rightType: "role",
      grantedThrough: "Direct",
      source: "derived",
    })),
  );
  const times = [0, 1, 2, 3, 4].map((d) => START + d * DAY);
  const snapshots: pl.DataFrame[] = [];
  let events = pl.DataFrame();
  for (const t of times) {
    sim.clock.set(t);
    if (t > START) {
      const fresh = await anaplan.audit.getEvents({ from: new Date(START), to: new Date(t) });
      events = fresh; // the whole history since the baseline is still within retention
    }
    const roles = tenantRolesFromEvents(events.height > 0 ? events : emptyEvents(), {
      baseline,
      baselineAt: START,
      users,
    });
    assert.equal(roles.completeFrom, "2026-11-10");
    const snapshot = await anaplan.entitlements.snapshot({ derivedRoles: roles.rows });
    snapshots.push(snapshot.withColumns(pl.lit(new Date(t).toISOString().slice(0, 10)).alias("snapshot")));
  }
  const changes = entitlementChangesOverSnapshots(pl.concat(snapshots, { how: "vertical" }));
  const explained = explainChanges(changes, accessEvents({ anaplanEvents: events, anaplanUsers: users }), {
    snapshotDays: { from: "2026-11-10", to: "2026-11-14" },
  });

  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const planted = sim.anaplan.entitlements.plantedUnexplained();
  assert.equal(planted.length, 5);
  const key = (r: Record<string, unknown>) =>
    [r.person, r.scope, r.scopeId ?? "", r.right, r.rightType, r.change, r.fromSnapshot, r.toSnapshot].join(
      "|",
    );
  assert.deepEqual(
    (explained.unexplained.toRecords() as Record<string, unknown>[]).map(key).sort(),
    planted
      .map((p) =>
        key({
          ...p,
          fromSnapshot: day(Math.floor(p.at / DAY) * DAY),
          toSnapshot: day(Math.floor(p.at / DAY) * DAY + DAY),
        }),
      )
      .sort(),
  );
  const withoutEffect = sim.anaplan.entitlements.withoutEffect(times);
  assert.deepEqual(
    (explained.withoutEffect.getColumn("eventId").toArray() as string[]).sort(),
    [...withoutEffect].sort(),
  );
  // Every other change is a derived tenant-role change, explained by its own AUTHZ event.
  assert.equal(withoutEffect.length, 17, "seed 11: 17 privileged events without effect");
  assert.equal(explained.explained.height, 107);
  assert.ok(explained.explained.height > 0);
  assert.deepEqual([...new Set(explained.explained.getColumn("code").toArray() as string[])].sort(), [
    "AUTHZ-3",
    "AUTHZ-6",
  ]);
  assert.equal(explained.explained.height + explained.unexplained.height, changes.height);
});

function emptyEvents(): pl.DataFrame {
  return pl.DataFrame({
    id: pl.Series("id", [], pl.Utf8),
    eventTypeId: pl.Series("eventTypeId", [], pl.Utf8),
    objectId: pl.Series("objectId", [], pl.Utf8),
    additionalAttributes: pl.Series("additionalAttributes", [], pl.Utf8),
    success: pl.Series("success", [], pl.Bool),
    eventDate: pl.Series("eventDate", [], pl.Datetime("ms", "UTC")),
  });
}
