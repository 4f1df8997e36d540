import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { EpmClient } from "../src/epm/epm-client.js";
import { EpmJobError } from "../src/epm/epm-job-error.js";
import { EPM_REPORTS } from "../src/epm/epm-report-definitions.js";
import { AuthError } from "../src/errors/auth-error.js";
import { TimeoutError } from "../src/errors/network-error.js";
import type { Simulator } from "../src/simulator/start-simulator.js";
import {
  assertReportFrame,
  basicClient,
  epmRequests,
  fastOptions,
  RANGE_30,
  rejection,
  startEpmSimulator,
} from "./epm-helpers.js";

let sim: Simulator;
let epm: EpmClient;
before(async () => {
  sim = await startEpmSimulator();
  epm = basicClient(sim);
});
afterEach(() => {
  sim.epm.setFaults({});
  sim.faults.clear();
});
after(async () => {
  await epm.close();
  await sim.close();
});

test("job failure: status > 0 with HTTP 200 is an EpmJobError carrying EPM's details", async () => {
  const details =
    "Failed to generate Group Assignment Audit Report. EPMCSS-00301: the audit store is offline.";
  sim.epm.setFaults({ jobFailure: { details, reports: ["groupAssignmentAudit"] } });
  const error = await rejection(epm.reports.groupAssignmentAudit(RANGE_30));
  assert.ok(error instanceof EpmJobError);
  assert.equal(error.code, "E_EPM_JOB");
  assert.equal(error.status, 1);
  assert.equal(error.details, details);
  assert.equal(error.operation, "Group Assignment Audit report job");
  assert.match(
    error.message,
    /^Oracle EPM Group Assignment Audit report job failed with status 1: Failed to generate/,
  );
  assert.match(error.message, /Check the dates and that the user may run it \(Service Administrator/);
  assert.match(error.message, /\/epm\/interop\/rest\/v2\/jobs\/\d+\)$/);
  // Other reports are unaffected, and nothing is left in the repository.
  const other = await epm.reports.invalidLogins(RANGE_30);
  assert.equal(other.height, sim.epm.expectedRows("invalidLogins", RANGE_30).length);
  assert.deepEqual(sim.epm.fileNames(), []);
});

test("job failure with another status code keeps that code", async () => {
  sim.epm.setFaults({ jobFailure: { status: 4, details: "Invalid parameter." } });
  const error = await rejection(epm.reports.userGroups());
  assert.ok(error instanceof EpmJobError);
  assert.equal(error.status, 4);
  assert.equal(error.details, "Invalid parameter.");
});

test("JSON error on download (HTTP 200, application/json) is an EpmJobError; the file is still cleaned up", async () => {
  sim.epm.setFaults({ downloadError: true });
  const error = await rejection(epm.reports.roleAssignmentAudit(RANGE_30));
  assert.ok(error instanceof EpmJobError);
  assert.equal(error.status, 8);
  assert.equal(error.details, "Not a valid file.");
  assert.match(
    error.message,
    /^Oracle EPM download of "RoleAssignmentAudit_20261022-20261120_20261120T120000Z_[0-9a-f]{8}\.csv" failed with status 8: Not a valid file\./,
  );
  assert.deepEqual(sim.epm.fileNames(), []);
});

test("BOM + quoted id line on every CSV: frames are unchanged", async () => {
  sim.epm.setFaults({ bomAndPreamble: true });
  for (const name of ["groupAssignmentAudit", "roleAssignmentAudit", "invalidLogins"] as const) {
    const df = await epm.reports[name](RANGE_30);
    assertReportFrame(df, EPM_REPORTS[name].schema, sim.epm.expectedRows(name, RANGE_30));
  }
  assertReportFrame(
    await epm.reports.userGroups(),
    EPM_REPORTS.userGroups.schema,
    sim.epm.expectedRows("userGroups"),
  );
});

test("zip download: unzipped with fflate, frames are unchanged", async () => {
  sim.epm.setFaults({ zip: true });
  const df = await epm.reports.roleAssignments();
  assertReportFrame(df, EPM_REPORTS.roleAssignments.schema, sim.epm.expectedRows("roleAssignments"));
  const logins = await epm.reports.userLogins(RANGE_30);
  assertReportFrame(logins, EPM_REPORTS.userLogins.schema, sim.epm.expectedRows("userLogins", RANGE_30));
  // The download really was a zip.
  sim.epm.putFile("probe.csv", "A\n1\n");
  const file = await epm.files.download("probe.csv");
  assert.equal(file.extension, "zip");
  assert.deepEqual([...file.bytes.subarray(0, 4)], [0x50, 0x4b, 3, 4]);
  await epm.files.delete("probe.csv");
});

test("slow jobs: many polls with status -1, then the frame", async () => {
  sim.epm.setFaults({ slowJobs: 12 });
  const polls = sim.epm.stats.polls;
  const df = await epm.reports.groupAssignmentAudit(RANGE_30);
  assert.equal(sim.epm.stats.polls - polls, 12);
  assertReportFrame(
    df,
    EPM_REPORTS.groupAssignmentAudit.schema,
    sim.epm.expectedRows("groupAssignmentAudit", RANGE_30),
  );
});

test("status sent as text ('-1', '0') is read as a number", async () => {
  sim.epm.setFaults({ statusAsText: true });
  const df = await epm.reports.invalidLogins(RANGE_30);
  assert.equal(df.height, sim.epm.expectedRows("invalidLogins", RANGE_30).length);
});

test("a 503 while polling is retried by the transport", async () => {
  sim.faults.add({ kind: "status", status: 503, service: "epm", path: /\/jobs\/\d+$/, times: 2 });
  const df = await epm.reports.userGroups();
  assert.equal(sim.faults.pending, 0);
  assert.equal(df.height, sim.epm.expectedRows("userGroups").length);
});

test("401 with Basic auth: AuthError with advice, sent once (no loop)", async () => {
  sim.epm.setFaults({ unauthorized: true });
  const before = epmRequests(sim);
  const error = await rejection(epm.reports.userGroups());
  assert.ok(error instanceof AuthError);
  assert.equal(error.code, "E_AUTH");
  assert.equal(error.status, 401);
  assert.match(
    error.message,
    /^Oracle EPM request failed with status 401 Unauthorized: POST http:\/\/127\.0\.0\.1:\d+\/epm\/interop\/rest\/security\/v1\/usergroupreport\. EPM refused user "epm\.auditor": check the password and use the plain user name/,
  );
  assert.equal(epmRequests(sim) - before, 1);
});

test("401 with a Bearer token: AuthError saying the token may have expired", async () => {
  const client = new EpmClient({
    url: sim.epm.url,
    token: "expired-token-123",
    now: () => sim.clock.now(),
    ...fastOptions(),
  });
  try {
    const error = await rejection(client.reports.userGroups());
    assert.ok(error instanceof AuthError);
    assert.match(error.message, /EPM refused the OAuth token: it may have expired/);
  } finally {
    await client.close();
  }
});

test("a token function is asked again once after a 401", async () => {
  const handed: string[] = [];
  const tokens = ["stale-token-abc", sim.epm.token];
  const client = new EpmClient({
    url: sim.epm.url,
    token: () => {
      const t = tokens[Math.min(handed.length, 1)]!;
      handed.push(t);
      return t;
    },
    now: () => sim.clock.now(),
    ...fastOptions(),
  });
  try {
    const df = await client.reports.userGroups();
    assert.equal(df.height, sim.epm.expectedRows("userGroups").length);
    assert.equal(handed[0], "stale-token-abc");
  } finally {
    await client.close();
  }
});

test("a job that never finishes hits jobTimeoutMs with a TimeoutError", async () => {
  sim.epm.setFaults({ slowJobs: 1_000_000 });
  const client = basicClient(sim, { jobTimeoutMs: 60 });
  try {
    const error = await rejection(client.reports.userGroups());
    assert.ok(error instanceof TimeoutError);
    assert.equal(error.code, "E_TIMEOUT");
    assert.equal(error.timeoutMs, 60);
    assert.match(
      error.message,
      /^Oracle EPM User Group report job was still running after \d+ ms and \d+ status polls? \(limits: jobTimeoutMs 60, maxJobPolls 1000; last status -1\)/,
    );
    assert.deepEqual(sim.epm.fileNames(), []);
  } finally {
    await client.close();
  }
});

test("an AbortSignal stops polling with E_ABORTED", async () => {
  sim.epm.setFaults({ slowJobs: 1_000_000 });
  const controller = new AbortController();
  const polls = sim.epm.stats.polls;
  const pending = epm.reports.userGroups({ signal: controller.signal });
  while (sim.epm.stats.polls - polls < 3) await new Promise((r) => setTimeout(r, 2));
  controller.abort();
  const error = await rejection(pending);
  assert.equal(error.code, "E_ABORTED");
});

test("an already aborted signal sends nothing", async () => {
  const before = epmRequests(sim);
  const error = await rejection(epm.reports.userGroups({ signal: AbortSignal.abort() }));
  assert.equal(error.code, "E_ABORTED");
  assert.equal(epmRequests(sim), before);
});

test("the sync User Login GET is never retried: a retry would fail on 'already exists'", async () => {
  const loginGets = () =>
    sim.requests.filter((r) => r.service === "epm" && r.path.includes("userloginreport")).length;
  const before = loginGets();
  sim.faults.add({ kind: "status", status: 503, service: "epm", path: /userloginreport/ });
  const error = await rejection(epm.reports.userLogins(RANGE_30));
  assert.equal((error as { status?: number }).status, 503);
  assert.equal(loginGets() - before, 1);
  // The next call works, with a fresh file name, and leaves nothing behind.
  const frame = await epm.reports.userLogins(RANGE_30);
  assert.equal(frame.height, sim.epm.expectedRows("userLogins", RANGE_30).length);
  assert.deepEqual(sim.epm.fileNames(), []);
});
