import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import type { EpmClient } from "../src/epm/epm-client.js";
import { EpmJobError } from "../src/epm/epm-job-error.js";
import type { Simulator } from "../src/simulator/start-simulator.js";
import { basicClient, RANGE_30, rejection, startEpmSimulator } from "./epm-helpers.js";

let sim: Simulator;
let epm: EpmClient;
before(async () => {
  sim = await startEpmSimulator();
  epm = basicClient(sim);
});
afterEach(async () => {
  sim.epm.setFaults({});
  sim.faults.clear();
  for (const name of sim.epm.fileNames()) await epm.files.delete(name);
});
after(async () => {
  await epm.close();
  await sim.close();
});

test("reruns at the same instant never hit 'already exists' and leave no file behind", async () => {
  const first = await epm.reports.groupAssignmentAudit(RANGE_30);
  const second = await epm.reports.groupAssignmentAudit(RANGE_30);
  const [third, fourth] = await Promise.all([epm.reports.userGroups(), epm.reports.userGroups()]);
  assert.equal(first.height, second.height);
  assert.equal(third.height, fourth.height);
  assert.deepEqual(sim.epm.fileNames(), []);
});

test("reusing a file name fails the job with EPM's 'already exists' details (what unique names avoid)", async () => {
  const job = { path: "/interop/rest/security/v1/usergroupreport", form: { filename: "fixed-name.csv" } };
  const done = await epm.jobs.run(job);
  assert.equal(done.status, 0);
  const error = await rejection(epm.jobs.run(job));
  assert.ok(error instanceof EpmJobError);
  assert.equal(
    error.details,
    "Failed to generate User Group Report. File fixed-name.csv already exists. Please provide different file name.",
  );
  await epm.files.delete("fixed-name.csv");
});

test("keepFiles leaves the generated file, under the report's unique name", async () => {
  await epm.reports.invalidLogins(RANGE_30, { keepFiles: true });
  const names = sim.epm.fileNames();
  assert.equal(names.length, 1);
  assert.match(names[0]!, /^InvalidLogin_20261022-20261120_20261120T120000Z_[0-9a-f]{8}\.csv$/);
  const listed = await epm.files.list();
  assert.deepEqual(
    listed.map((f) => [f.name, f.type, f.lastModified?.toISOString()]),
    [[names[0], "EXTERNAL", "2026-11-20T12:00:00.000Z"]],
  );
  assert.equal(listed[0]!.size, (await epm.files.download(names[0]!)).bytes.length);
  await epm.files.delete(names[0]!);
  assert.deepEqual(sim.epm.fileNames(), []);
});

test("the User Login report lands in inbox/, is found there, downloaded as one encoded segment and deleted", async () => {
  const before = sim.requests.length;
  const df = await epm.reports.userLogins(RANGE_30);
  assert.equal(df.height, sim.epm.expectedRows("userLogins", RANGE_30).length);
  const paths = sim.requests.slice(before).map((r) => `${r.method} ${r.path}`);
  assert.ok(
    paths.some((p) =>
      /^GET \/interop\/rest\/11\.1\.2\.3\.600\/applicationsnapshots\/inbox%2FUserLogin_[^/]+\/contents$/.test(
        p,
      ),
    ),
    paths.join("\n"),
  );
  assert.ok(
    paths.some((p) =>
      /^DELETE \/interop\/rest\/11\.1\.2\.3\.600\/applicationsnapshots\/inbox%2FUserLogin_[^/]+$/.test(p),
    ),
  );
  assert.deepEqual(sim.epm.fileNames(), []);
});

test("names with folders and spaces are sent as one encoded path segment", async () => {
  sim.epm.putFile("outbox/Q1 2026/report #1.csv", "A,B\n1,2\n");
  const before = sim.requests.length;
  const file = await epm.files.download("outbox/Q1 2026/report #1.csv");
  assert.equal(Buffer.from(file.bytes).toString(), "A,B\n1,2\n");
  assert.equal(file.extension, "csv");
  assert.equal(
    sim.requests[before]!.path,
    "/interop/rest/11.1.2.3.600/applicationsnapshots/outbox%2FQ1%202026%2Freport%20%231.csv/contents",
  );
  assert.ok((await epm.files.find("report #1.csv")) === "outbox/Q1 2026/report #1.csv");
  await epm.files.delete("outbox/Q1 2026/report #1.csv");
  assert.deepEqual(sim.epm.fileNames(), []);
});

test("deleting or downloading a missing file is an EpmJobError with EPM's status", async () => {
  const gone = await rejection(epm.files.delete("nope.csv"));
  assert.ok(gone instanceof EpmJobError);
  assert.equal(gone.status, 8);
  assert.equal(gone.details, "File nope.csv does not exist.");
  const missing = await rejection(epm.files.download("nope.csv"));
  assert.ok(missing instanceof EpmJobError);
  assert.equal(missing.details, "Not a valid file.");
});

test("when clean-up fails the report still arrives and a warning names the file left behind", async () => {
  const warnings: string[] = [];
  const client = basicClient(sim, { log: { warn: (m) => warnings.push(m) }, retry: { limit: 0 } });
  try {
    sim.faults.add({ kind: "status", status: 500, service: "epm", method: "DELETE" });
    const df = await client.reports.userGroups();
    assert.equal(df.height, sim.epm.expectedRows("userGroups").length);
    const left = sim.epm.fileNames();
    assert.equal(left.length, 1);
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]!,
      new RegExp(
        `^could not delete the generated report file ${left[0]!.replace(/\./g, "\\.")} from the EPM repository`,
      ),
    );
  } finally {
    await client.close();
  }
});
