import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pl from "nodejs-polars";
import { AnaplanClient } from "../anaplan/anaplan-client.js";
import { EpmClient } from "../epm/epm-client.js";
import { epmRoleSources } from "../simulator/epm/epm-sim-security-routes.js";
import { type Simulator, startSimulator } from "../simulator/start-simulator.js";
import { personAccounts, unmatchedAccounts } from "./person-accounts.js";

// Real HTTP to the simulator: the shared organisation has people in one system only, and EPM
// logins that are short user names (matched through the e-mail column).
let sim: Simulator;
before(async () => {
  sim = await startSimulator({ seed: 4, clock: { start: Date.parse("2026-11-15T12:00:00Z"), frozen: true } });
});
after(() => sim.close());

test("unmatchedAccounts over the simulator: exactly the people with an account in one system only", async () => {
  const anaplan = new AnaplanClient({ ...sim.anaplan.clientOptions, scanInWorker: false });
  const epm = new EpmClient(sim.epm.clientOptions);
  try {
    const accounts = personAccounts({
      anaplanUsers: await anaplan.audit.listUsers(),
      scimUsers: await anaplan.entitlements.users(),
      epmUsers: await epm.entitlements.userRoles(),
    });
    const anaplanPeople = new Set(sim.anaplan.users().map((u) => u.email.toLowerCase()));
    const epmPeople = new Set(
      sim.epm.tenant.accounts
        .filter((a) => a.active && epmRoleSources(sim.epm.tenant, a).size > 0)
        .map((a) => a.email.toLowerCase()),
    );
    const unmatched = unmatchedAccounts(accounts);
    const got = (system: string) =>
      [
        ...new Set(
          unmatched
            .filter(pl.col("system").eq(pl.lit(system)))
            .getColumn("person")
            .toArray(),
        ),
      ].sort();
    assert.deepEqual(got("anaplan"), [...anaplanPeople].filter((p) => !epmPeople.has(p)).sort());
    assert.deepEqual(got("epm"), [...epmPeople].filter((p) => !anaplanPeople.has(p)).sort());
    assert.ok(got("anaplan").length > 0 && got("epm").length > 0);
  } finally {
    await anaplan.close();
    await epm.close();
  }
});
