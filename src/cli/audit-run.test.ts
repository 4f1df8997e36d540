import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Simulator, startSimulator } from "../simulator/start-simulator.js";
import { openAuditRun } from "./audit-run.js";
import { KIT_VERSION } from "./kit-version.js";

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe("openAuditRun", () => {
  let sim: Simulator;
  let tenantEnv: Record<string, string>;
  before(async () => {
    sim = await startSimulator({ port: 0, seed: 3, anaplan: { users: 40, eventsPerDay: 48 } });
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

  it("events whose totals never match: an IncompleteResultError, or with KIT_ALLOW_INCOMPLETE=1 the events marked INCOMPLETE in the provenance", async () => {
    // Pages of 10 rows, and events keep arriving while a day is paged: its total never settles.
    sim.anaplan.setFaults({ pageSizeCap: 10, insertDuringPaging: { events: 2, times: 1000 } });
    try {
      const strict = await openAuditRun(tenantEnv);
      try {
        await assert.rejects(strict.anaplanEvents(), { name: "IncompleteResultError", code: "E_INCOMPLETE" });
      } finally {
        await strict.close();
      }
      const lenient = await openAuditRun({ ...tenantEnv, KIT_ALLOW_INCOMPLETE: "1" });
      try {
        const events = await lenient.anaplanEvents();
        assert.ok(events.height > 0);
        const source = lenient.provenance().sources.find((p) => p.key === "anaplanEvents");
        assert.equal(source?.status, "partial");
        assert.match(
          source?.reason ?? "",
          /^INCOMPLETE: the server's totals never matched after 5 passes \(\d+ of \d+ events from /,
        );
      } finally {
        await lenient.close();
      }
    } finally {
      sim.anaplan.clearFaults();
    }
  });

  it("entitlementSnapshots live: today's Anaplan state only, fetched now, said in the note", async () => {
    const run = await openAuditRun(tenantEnv);
    try {
      const s = await run.entitlementSnapshots();
      const today = new Date(sim.clock.now()).toISOString().slice(0, 10);
      assert.deepEqual(
        [s.days, s.baseline, s.incomplete],
        [{ anaplan: [today], epm: [] }, { anaplan: null, epm: null }, []],
      );
      assert.deepEqual(
        s.anaplan.drop("snapshot").toRecords(),
        (await run.anaplan!.entitlements.snapshot()).toRecords(),
      );
      assert.equal(s.epm.height, 0);
      assert.match(s.note, /^live: the current state only/);
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

  it("reads a window older than the sources keep where they still hold it, and says which days each covers", async () => {
    const today = Math.floor(Date.now() / DAY) * DAY;
    const env = {
      ...tenantEnv,
      KIT_DAYS: undefined,
      KIT_FROM: dayOf(today - 40 * DAY),
      KIT_TO: dayOf(today - DAY),
      EPM_URL: sim.epm.url,
      EPM_USERNAME: sim.epm.credentials.username,
      EPM_PASSWORD: sim.epm.credentials.password,
    };
    const opened = Date.now();
    const run = await openAuditRun(env);
    try {
      run.showProvenance = () => undefined; // outside a notebook it would print to stdout
      const events = await run.anaplanEvents();
      const users = await run.anaplanUsers();
      const epm = await run.epmReports(["userLogins", "invalidLogins", "userGroups"]);
      const anaplanFrom = dayOf(Math.ceil((opened - 30 * DAY + 600_000) / DAY) * DAY);
      const epmHost = new URL(sim.epm.url).host;
      const p = run.provenance();
      assert.equal(p.kitVersion, KIT_VERSION);
      assert.match(KIT_VERSION, /^\d+\.\d+\.\d+/);
      assert.ok(Date.parse(p.generatedAt) >= opened - 1000 && p.generatedAt.endsWith("Z"));
      assert.deepEqual(p.requested, { from: env.KIT_FROM, to: env.KIT_TO });
      assert.deepEqual(
        p.sources.map((s) => [s.key, s.host, s.status, s.covered, s.rows]),
        [
          [
            "anaplanEvents",
            new URL(sim.anaplan.urls.auditUrl).host,
            "partial",
            { from: anaplanFrom, to: env.KIT_TO },
            events.height,
          ],
          ["anaplanUsers", new URL(sim.anaplan.urls.apiUrl).host, "snapshot", null, users.height],
          ...(
            [
              ["userLogins", "complete", { from: env.KIT_FROM, to: env.KIT_TO }],
              ["invalidLogins", "partial", { from: dayOf(today - 30 * DAY), to: env.KIT_TO }],
              ["userGroups", "snapshot", null],
            ] as const
          ).map(([k, status, covered]) => [k, epmHost, status, covered, epm[k].height]),
        ].sort(
          (a, b) => p.sources.findIndex((s) => s.key === a[0]) - p.sources.findIndex((s) => s.key === b[0]),
        ),
      );
      const dates = events.getColumn("eventDate").toArray() as unknown as Date[];
      assert.ok(events.height > 0 && dates.every((d) => dayOf(d.getTime()) >= anaplanFrom));
      assert.deepEqual(run.coveredWindow("anaplanEvents"), {
        from: new Date(`${anaplanFrom}T00:00:00Z`),
        to: new Date(today),
      });
      assert.deepEqual(run.coveredWindow("anaplanUsers"), run.parameters.window);
      assert.equal(run.coveredWindow("roleAssignments"), null);
      assert.equal(
        run.emptyMessage("failed sign-ins", "anaplanEvents"),
        `No failed sign-ins in ${anaplanFrom} → ${env.KIT_TO}, the part of ${env.KIT_FROM} → ${env.KIT_TO} that Anaplan audit events cover (INCOMPLETE: the other days were not read).`,
      );
      assert.equal(
        run.emptyMessage("sign-ins", "userLogins"),
        `No sign-ins in ${env.KIT_FROM} → ${env.KIT_TO} (Oracle EPM User Login report, complete).`,
      );
    } finally {
      await run.close();
    }
  });
});
