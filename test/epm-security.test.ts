import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, afterEach, before, test } from "node:test";
import { EpmClient } from "../src/epm/epm-client.js";
import { ValidationError } from "../src/errors/validation-error.js";
import type { Simulator } from "../src/simulator/start-simulator.js";
import {
  assertNoSecrets,
  basicClient,
  epmRequests,
  fastOptions,
  RANGE_30,
  rejection,
  startEpmSimulator,
} from "./epm-helpers.js";

let sim: Simulator;
let epm: EpmClient;
let foreign: Server;
let foreignUrl: string;
const foreignHits: Array<{ url: string; authorization: string | undefined }> = [];
let secrets: string[];

before(async () => {
  sim = await startEpmSimulator();
  epm = basicClient(sim);
  const { username, password } = sim.epm.credentials;
  secrets = [password, Buffer.from(`${username}:${password}`).toString("base64"), sim.epm.token];
  foreign = createServer((req, res) => {
    foreignHits.push({ url: req.url ?? "", authorization: req.headers.authorization });
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"status":0,"details":null,"links":[]}');
  });
  await new Promise<void>((resolve) => foreign.listen(0, "127.0.0.1", resolve));
  foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
});
afterEach(() => {
  sim.epm.setFaults({});
  sim.faults.clear();
});
after(async () => {
  await epm.close();
  await sim.close();
  await new Promise((resolve) => foreign.close(resolve));
});

test("a Job Status link to another host is refused before any request: zero requests reach it", async () => {
  sim.epm.setFaults({ jobStatusOrigin: foreignUrl });
  const polls = sim.epm.stats.polls;
  const error = await rejection(epm.reports.groupAssignmentAudit(RANGE_30));
  assert.equal(error.code, "E_EPM_FOREIGN_LINK");
  assert.match(
    error.message,
    new RegExp(
      `^Oracle EPM returned a "Job Status" link to ${foreignUrl.replace(/\./g, "\\.")}, not ${sim.url.replace(/\./g, "\\.")}: refused to follow it`,
    ),
  );
  assert.equal(foreignHits.length, 0);
  assert.equal(sim.epm.stats.polls, polls);
  assertNoSecrets(error, secrets);
});

test("an http → https switch on the same host is a different origin and is refused too", async () => {
  sim.epm.setFaults({ jobStatusOrigin: sim.url.replace("http://", "https://") });
  const before = epmRequests(sim);
  const error = await rejection(epm.reports.userGroups());
  assert.equal(error.code, "E_EPM_FOREIGN_LINK");
  assert.equal(epmRequests(sim) - before, 1, "only the submit was sent");
});

test("a link with user info on the right host is refused, and the user info is not echoed", async () => {
  sim.epm.setFaults({ jobStatusOrigin: sim.url.replace("http://", "http://mallory:hunter22@") });
  const error = await rejection(epm.reports.userGroups());
  assert.equal(error.code, "E_EPM_FOREIGN_LINK");
  assert.match(error.message, /carrying user info/);
  assert.ok(!error.message.includes("hunter22"));
  assert.equal(foreignHits.length, 0);
});

test("credentials never appear in errors: 401, job failure and download error echoing them", async () => {
  const { username, password } = sim.epm.credentials;
  const b64 = Buffer.from(`${username}:${password}`).toString("base64");
  const cases: Array<[string, () => void]> = [
    ["401", () => sim.epm.setFaults({ unauthorized: true })],
    [
      "job",
      () =>
        sim.epm.setFaults({ jobFailure: { details: `login ${username}:${password} failed (Basic ${b64})` } }),
    ],
    [
      "download",
      () => sim.epm.setFaults({ downloadError: { status: 8, details: `as ${username} / ${password}` } }),
    ],
  ];
  for (const [label, arm] of cases) {
    arm();
    const error = await rejection(epm.reports.roleAssignments());
    assert.ok(error.code, label);
    assertNoSecrets(error, secrets);
  }
  const byToken = new EpmClient({
    url: sim.epm.url,
    token: sim.epm.token,
    now: () => sim.clock.now(),
    ...fastOptions(),
  });
  try {
    sim.epm.setFaults({ jobFailure: { details: `bearer ${sim.epm.token} rejected` } });
    const error = await rejection(byToken.reports.userGroups());
    assert.match(error.message, /bearer \[REDACTED\] rejected/);
    assertNoSecrets(error, secrets);
  } finally {
    await byToken.close();
  }
});

test("range validation happens before any request and names the report and the limit", async () => {
  // Role audit and invalid logins keep 30 days unless the pod's Identity Console extends them,
  // as the simulated pod's has (its clientOptions say 90); `stock` assumes Oracle's defaults.
  const stock = basicClient(sim, { retentionDays: {} });
  const before = epmRequests(sim);
  const cases: Array<[() => Promise<unknown>, RegExp]> = [
    [
      () => epm.reports.groupAssignmentAudit({ from: "2026-11-10", to: "2026-11-01" }),
      /^Group Assignment Audit report: from \(2026-11-10\) is after to \(2026-11-01\)/,
    ],
    [
      () => epm.reports.groupAssignmentAudit({ from: "2026-07-22", to: "2026-08-01" }),
      /^Group Assignment Audit report reaches back 120 days: from 2026-07-22 is before 2026-07-23/,
    ],
    [
      () => stock.reports.roleAssignmentAudit({ from: "2026-10-20", to: "2026-10-25" }),
      /^Role Assignment Audit report reaches back 30 days: from 2026-10-20 is before 2026-10-21/,
    ],
    [
      () => stock.reports.invalidLogins({ from: "2026-10-20", to: "2026-10-25" }),
      /^Invalid Login report reaches back 30 days/,
    ],
    [
      () => epm.reports.roleAssignmentAudit({ from: "2026-08-21", to: "2026-09-01" }),
      /^Role Assignment Audit report reaches back 90 days: from 2026-08-21 is before 2026-08-22/,
    ],
    [
      () => epm.reports.userLogins({ from: "2026-07-22", to: "2026-08-01" }),
      /^User Login report reaches back 120 days/,
    ],
    [
      () => epm.reports.userLogins({ from: "20261101", to: "2026-11-02" }),
      /^User Login report: from "20261101" is not a day in YYYY-MM-DD/,
    ],
    [
      () => epm.reports.invalidLogins({ from: "2026-11-01", to: new Date(Number.NaN) }),
      /^Invalid Login report: to is an invalid Date/,
    ],
    [() => epm.reports.invalidLogins(undefined as never), /^Invalid Login report needs a date range/],
  ];
  for (const [call, message] of cases) {
    const error = await rejection(call());
    assert.ok(error instanceof ValidationError, String(message));
    assert.equal(error.code, "E_VALIDATION");
    assert.match(error.message, message);
  }
  assert.equal(epmRequests(sim), before, "no request was sent");
  await stock.close();
});

test("the edge of each window is accepted (the simulator, extended to 90 days, agrees)", async () => {
  const stock = basicClient(sim, { retentionDays: {} });
  const edge30 = await stock.reports.invalidLogins({ from: "2026-10-21", to: "2026-10-22" });
  await stock.close();
  assert.equal(
    edge30.height,
    sim.epm.expectedRows("invalidLogins", { from: "2026-10-21", to: "2026-10-22" }).length,
  );
  const df = await epm.reports.roleAssignmentAudit({ from: "2026-08-22", to: "2026-08-22" });
  assert.equal(
    df.height,
    sim.epm.expectedRows("roleAssignmentAudit", { from: "2026-08-22", to: "2026-08-22" }).length,
  );
  const ga = await epm.reports.groupAssignmentAudit({ from: "2026-07-23", to: "2026-07-24" });
  assert.equal(
    ga.height,
    sim.epm.expectedRows("groupAssignmentAudit", { from: "2026-07-23", to: "2026-07-24" }).length,
  );
});

test("constructor refuses bad URLs and credentials without echoing the password", async () => {
  const cases: Array<[object, RegExp]> = [
    [{ url: "ftp://x", username: "u", password: "pw-secret-1" }, /^\[epm\] url must be the EPM service URL/],
    [
      { url: "https://u:pw-secret-1@epm.example.com", username: "u", password: "pw-secret-1" },
      /must not carry credentials/,
    ],
    [{ url: "https://epm.example.com", username: "u" }, /^\[epm-auth\] no password given for user "u"/],
    [{ url: "https://epm.example.com", password: "pw-secret-1" }, /^\[epm-auth\] no username given/],
    [
      { url: "https://epm.example.com", username: "u", password: "pw-secret-1", token: "t" },
      /pass one of \{ username, password \}, \{ token \} or \{ oauth \}, not several/,
    ],
    [{ url: "https://epm.example.com", token: " " }, /^\[epm-auth\] no token given/],
  ];
  for (const [options, message] of cases) {
    assert.throws(
      () => new EpmClient(options as never),
      (e: unknown) =>
        e instanceof ValidationError && message.test(e.message) && !e.message.includes("pw-secret-1"),
      String(message),
    );
  }
  const c = new EpmClient({ url: "https://epm-acme.epm.example.com/epmcloud/", token: "t0ken-value" });
  assert.equal(c.url, "https://epm-acme.epm.example.com");
  await c.close();
});
