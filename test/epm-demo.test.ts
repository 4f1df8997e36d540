import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import pl from "nodejs-polars";
import { runEpmDemo } from "../src/cli/demo-epm.js";
import { ValidationError } from "../src/errors/validation-error.js";
import type { Simulator } from "../src/simulator/start-simulator.js";
import { RANGE_30, rejection, startEpmSimulator } from "./epm-helpers.js";

let sim: Simulator;
let dir: string;
before(async () => {
  sim = await startEpmSimulator();
  dir = await mkdtemp(join(tmpdir(), "epm-demo-"));
});
after(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

test("runEpmDemo fetches the six reports from the simulator and writes Parquet and CSV", async () => {
  const lines: string[] = [];
  const result = await runEpmDemo({
    outDir: dir,
    log: (l) => lines.push(l),
    sim,
    env: {},
    client: { pollIntervalMs: 5 },
  });
  assert.equal(result.source, "simulator");
  for (const name of [
    "groupAssignmentAudit",
    "roleAssignmentAudit",
    "invalidLogins",
    "userLogins",
  ] as const) {
    assert.equal(result.reports[name].rows, sim.epm.expectedRows(name, RANGE_30).length, name);
  }
  assert.equal(result.reports.userGroups.rows, sim.epm.expectedRows("userGroups").length);
  assert.deepEqual((await readdir(dir)).sort(), [
    "epm-group-assignment-audit.csv",
    "epm-group-assignment-audit.parquet",
    "epm-invalid-logins.csv",
    "epm-invalid-logins.parquet",
    "epm-role-assignment-audit.csv",
    "epm-role-assignment-audit.parquet",
    "epm-role-assignments.csv",
    "epm-role-assignments.parquet",
    "epm-user-groups.csv",
    "epm-user-groups.parquet",
    "epm-user-logins.csv",
    "epm-user-logins.parquet",
  ]);
  const back = pl.readParquet(join(dir, "epm-role-assignments.parquet"));
  assert.deepEqual(back.toRecords(), sim.epm.expectedRows("roleAssignments"));
  assert.match(lines[0]!, /^Oracle EPM: no EPM_URL set, using the simulator/);
  assert.ok(lines.some((l) => /^ {2}userGroups +\d+ rows \(current\) +userLogin, firstName/.test(l)));
  assert.deepEqual(sim.epm.fileNames(), []);
});

test("with EPM_URL and credentials it talks to that pod instead (here: the simulator as a pod)", async () => {
  const live = await import("../src/simulator/start-simulator.js").then((m) => m.startSimulator({ port: 0 }));
  try {
    const env = {
      EPM_URL: live.epm.url,
      EPM_USERNAME: live.epm.credentials.username,
      EPM_PASSWORD: live.epm.credentials.password,
    };
    const client = { pollIntervalMs: 5 };
    const result = await runEpmDemo({ outDir: dir, log: () => {}, env, client });
    assert.equal(result.source, "pod");
    assert.equal(result.reports.userGroups.rows, live.epm.expectedRows("userGroups").length);
    const token = await runEpmDemo({
      outDir: dir,
      log: () => {},
      env: { EPM_URL: live.epm.url, EPM_TOKEN: live.epm.token },
      client,
    });
    assert.equal(token.reports.roleAssignments.rows, live.epm.expectedRows("roleAssignments").length);
    const error = await rejection(
      runEpmDemo({ outDir: dir, log: () => {}, env: { EPM_URL: live.epm.url, EPM_USERNAME: "x" } }),
    );
    assert.ok(error instanceof ValidationError);
    assert.match(error.message, /no password given for user "x"/);
  } finally {
    await live.close();
  }
});
