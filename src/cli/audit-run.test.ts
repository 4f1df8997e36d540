import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Simulator, startSimulator } from "../simulator/start-simulator.js";
import { openAuditRun } from "./audit-run.js";

describe("openAuditRun", () => {
  let sim: Simulator;
  let tenantEnv: Record<string, string>;
  before(async () => {
    sim = await startSimulator({ port: 0, seed: 3, anaplan: { users: 40 } });
    // "Real tenant" credentials and hosts that happen to point at the simulator.
    tenantEnv = {
      ANAPLAN_EMAIL: sim.anaplan.credentials.email,
      ANAPLAN_PASSWORD: sim.anaplan.credentials.password,
      ANAPLAN_AUTH_URL: sim.anaplan.urls.authUrl,
      ANAPLAN_AUDIT_URL: sim.anaplan.urls.auditUrl,
      ANAPLAN_API_URL: sim.anaplan.urls.apiUrl,
      KIT_DAYS: "2",
    };
  });
  after(async () => {
    await sim.close();
  });

  it("uses the tenants named by ANAPLAN_* and says so; fetches through the real client", async () => {
    const run = await openAuditRun(tenantEnv);
    try {
      assert.equal(run.source, "tenants");
      assert.equal(run.simulator, undefined);
      assert.equal(run.epm, undefined);
      assert.match(
        run.description,
        /^Data: your Anaplan tenant \(credentials from ANAPLAN_\*\/EPM_\* environment variables\)\. Window: .+ \(2 days, UTC\)\.$/,
      );
      const users = await run.anaplanUsers();
      assert.equal(users.height, sim.anaplan.users().length);
      assert.doesNotMatch(run.description, new RegExp(sim.anaplan.credentials.password));
    } finally {
      await run.close();
    }
  });

  it("refuses EPM reports when only Anaplan is configured, saying what to set", async () => {
    const run = await openAuditRun(tenantEnv);
    try {
      await assert.rejects(run.epmReports(["userGroups"]), {
        name: "ValidationError",
        message: /needs Oracle EPM: set EPM_URL with EPM_USERNAME and EPM_PASSWORD \(or EPM_TOKEN\)/,
      });
    } finally {
      await run.close();
    }
  });

  it("rejects bad KIT_* parameters with a message naming the variable", async () => {
    await assert.rejects(openAuditRun({ KIT_DAYS: "many" }), {
      name: "ValidationError",
      message: /KIT_DAYS must be a whole number/,
    });
  });
});
