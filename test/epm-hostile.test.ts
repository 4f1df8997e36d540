// A hostile EPM pod (the simulator's hostile faults) against the public API over loopback:
// every case ends in the exact typed error, with the numbers or the row it names, no secret,
// and no generated file left behind.
import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { EpmClient } from "../src/epm/epm-client.js";
import { EPM_REPORTS, type EpmReportName } from "../src/epm/epm-report-definitions.js";
import { TimeoutError } from "../src/errors/network-error.js";
import { PayloadError } from "../src/errors/payload-error.js";
import { ValidationError } from "../src/errors/validation-error.js";
import type { EpmSimRow } from "../src/simulator/epm/epm-sim-csv.js";
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
let secrets: string[];
before(async () => {
  sim = await startEpmSimulator();
  epm = basicClient(sim);
  secrets = [sim.epm.credentials.password, sim.epm.token];
});
afterEach(() => {
  sim.epm.setFaults({});
  sim.faults.clear();
});
after(async () => {
  await epm.close();
  await sim.close();
});

/** Runs a report that must fail; checks class, code, message, no secret and no file left. */
async function reportFails(
  name: EpmReportName,
  errorClass: typeof PayloadError | typeof TimeoutError,
  message: RegExp,
  client: EpmClient = epm,
): Promise<Error & { code?: string }> {
  const range = EPM_REPORTS[name].retentionDays === undefined ? undefined : RANGE_30;
  const error = await rejection(client.reports.fetch(name, range));
  assert.ok(error instanceof errorClass, `${error.name}: ${error.message}`);
  assert.equal(error.code, errorClass === TimeoutError ? "E_TIMEOUT" : "E_PAYLOAD");
  assert.match(error.message, message);
  assertNoSecrets(error, secrets);
  assert.deepEqual(sim.epm.fileNames(), [], "the generated file was deleted");
  return error;
}

/** The file line data row `row` (1-based) starts on, given quoted line breaks in earlier rows. */
function lineOfRow(rows: EpmSimRow[], row: number): number {
  let line = 2;
  for (const r of rows.slice(0, row - 1)) {
    line += 1;
    for (const v of Object.values(r)) if (typeof v === "string") line += v.split("\n").length - 1;
  }
  return line;
}

test("names: '..', '.', empty, folders that climb, control characters and over-long names are refused before any request", async () => {
  const bad: Array<[unknown, string]> = [
    ["..", '".." is not allowed: "." and ".." are not file names'],
    [".", '"." is not allowed: "." and ".." are not file names'],
    ["", '"" is not allowed: it is empty'],
    ["   ", '"   " is not allowed: it is empty'],
    ["inbox/../secret.csv", '"inbox/../secret.csv" is not allowed: "." and ".." are not file names'],
    ["..\\x.csv", '"..\\\\x.csv" is not allowed: "." and ".." are not file names'],
    ["/x.csv", "an empty folder or file part"],
    ["inbox/", "an empty folder or file part"],
    ["a//b.csv", "an empty folder or file part"],
    ["a\u0000b.csv", '"a\\u0000b.csv" is not allowed: it holds a control character'],
    ["a\r\nb.csv", '"a\\u000d\\u000ab.csv" is not allowed: it holds a control character'],
    ["a\u2028b.csv", "it holds a control character"],
    ["a\ud800.csv", '"a\\ud800.csv" is not allowed: it holds a lone UTF-16 surrogate'],
    ["x".repeat(513), "(513 characters) is not allowed: it is 513 characters long, more than 512"],
    [`inbox/${"y".repeat(256)}`, "a part is 256 characters long, more than 255"],
    [42, "(number) is not allowed: it must be text"],
  ];
  const before = epmRequests(sim);
  for (const [name, part] of bad) {
    for (const call of [
      () => epm.files.delete(name as string),
      () => epm.files.download(name as string),
      () => epm.files.find(name as string),
    ]) {
      const error = await rejection(call());
      assert.ok(error instanceof ValidationError, `${JSON.stringify(name)}: ${error.message}`);
      assert.equal(error.code, "E_VALIDATION");
      assert.ok(error.message.startsWith("EPM file name "), error.message);
      assert.ok(error.message.includes(part), `${error.message} lacks ${part}`);
      assert.ok(error.message.endsWith("nothing was sent."), error.message);
    }
  }
  assert.equal(epmRequests(sim), before, "not one request was sent");
  // Folder names EPM documents still work.
  sim.epm.putFile("inbox\\legacy.csv", "A\n1\n");
  assert.equal(Buffer.from((await epm.files.download("inbox\\legacy.csv")).bytes).toString(), "A\n1\n");
  await epm.files.delete("inbox\\legacy.csv");
});

test("jobs: a path that climbs or a file-name parameter that is not a name is refused before any request", async () => {
  const before = epmRequests(sim);
  const cases: Array<[Parameters<EpmClient["jobs"]["run"]>[0], RegExp]> = [
    [
      { path: "/interop/rest/../../admin" },
      /^EPM job path "\/interop\/rest\/\.\.\/\.\.\/admin" is not allowed/,
    ],
    [{ path: "interop/rest/v2/reports/groupaudit" }, /^EPM job path .* is not allowed/],
    [{ path: "/interop/rest/v2/jobs?x=1" }, /^EPM job path .* is not allowed/],
    [{ path: "/interop//rest" }, /^EPM job path .* is not allowed/],
    [
      { path: "/interop/rest/security/v1/usergroupreport", form: { filename: ".." } },
      /^EPM job parameter filename "\.\." is not allowed: "\." and "\.\." are not file names/,
    ],
    [
      { path: "/interop/rest/v2/reports/groupaudit", json: { fileName: "a\nb.csv" } },
      /^EPM job parameter fileName "a\\u000ab\.csv" is not allowed: it holds a control character/,
    ],
    [
      { path: "/interop/rest/security/v1/report/userloginreport", method: "GET", query: { report_name: "" } },
      /^EPM job parameter report_name "" is not allowed: it is empty/,
    ],
  ];
  for (const [job, message] of cases) {
    const error = await rejection(epm.jobs.run(job));
    assert.ok(error instanceof ValidationError, error.message);
    assert.match(error.message, message);
  }
  assert.equal(epmRequests(sim), before);
});

test("CSV with an unknown column: PayloadError naming it; nothing parsed", async () => {
  sim.epm.setFaults({ csvExtraColumn: "Source System" });
  await reportFails(
    "groupAssignmentAudit",
    PayloadError,
    /^Group Assignment Audit report's header does not match its layout: unknown column "Source System" \(expected the columns name, type, group, groupType, action, performedBy, dateAndTime\)\. The report format may have changed; nothing was parsed\.$/,
  );
});

test("CSV without one of its columns: PayloadError naming the missing column", async () => {
  sim.epm.setFaults({ csvMissingColumn: "Performed By" });
  await reportFails(
    "roleAssignmentAudit",
    PayloadError,
    /^Role Assignment Audit report's header does not match its layout: missing column performedBy \(expected/,
  );
});

test("CSV with a short row: PayloadError naming the row, its line and both widths (no null padding)", async () => {
  const rows = sim.epm.expectedRows("roleAssignments");
  assert.ok(rows.length > 40);
  sim.epm.setFaults({ csvRaggedRow: { row: 37, cells: 4 } });
  const line = lineOfRow(rows, 37);
  await reportFails(
    "roleAssignments",
    PayloadError,
    new RegExp(
      `^Role Assignment report: row 37 \\(line ${line} of the file\\) has 4 cells where the header has 6: a short row\\. Nothing was parsed`,
    ),
  );
});

test("CSV with a long row: PayloadError naming the row, its line and both widths (no cut)", async () => {
  sim.epm.setFaults({ csvRaggedRow: { row: 1, cells: 4 } });
  await reportFails(
    "invalidLogins",
    PayloadError,
    /^Invalid Login report: row 1 \(line 2 of the file\) has 4 cells where the header has 3: a long row\./,
  );
});

test("zip with a second CSV, with a text file beside the CSV, or with only a text file: refused, naming the entries", async () => {
  const name = "RoleAssignment_\\d{8}T\\d{6}Z_[0-9a-f]{8}";
  sim.epm.setFaults({ zipContent: "twoCsv" });
  await reportFails(
    "roleAssignments",
    PayloadError,
    new RegExp(
      `^Role Assignment report arrived as a zip holding 2 files \\("${name}\\.csv", "${name}-2\\.csv"\\) where one CSV was expected; refused rather than picking one\\.`,
    ),
  );
  sim.epm.setFaults({ zipContent: "csvAndText" });
  await reportFails(
    "roleAssignments",
    PayloadError,
    new RegExp(
      `^Role Assignment report arrived as a zip holding 2 files \\("${name}\\.csv", "readme\\.txt"\\)`,
    ),
  );
  sim.epm.setFaults({ zipContent: "nonCsv" });
  await reportFails(
    "roleAssignments",
    PayloadError,
    new RegExp(`^Role Assignment report arrived as a zip without a CSV file \\(entries: "${name}\\.txt"\\)`),
  );
  // The honest zip still gives the exact frame.
  sim.epm.setFaults({ zipContent: "csv" });
  assert.equal((await epm.reports.roleAssignments()).height, sim.epm.expectedRows("roleAssignments").length);
});

test("zip bomb (1 GiB of zeros in 6.8 MB, declared honestly): refused from its directory, nothing inflated", async () => {
  sim.epm.setFaults({ zipContent: "bomb" });
  const rss = process.memoryUsage().rss;
  await reportFails(
    "userGroups",
    PayloadError,
    /^User Group report arrived as a zip whose "UserGroup_[^"]+\.csv" declares 1073741824 bytes inflated, more than the 134217728 allowed \(maxInflatedBytes\); nothing was inflated\./,
  );
  assert.ok(process.memoryUsage().rss - rss < 256 * 1024 * 1024, "no inflated copy was made");
  // A lower limit of the caller's applies the same way.
  const small = basicClient(sim, { maxInflatedBytes: 1000 });
  try {
    sim.epm.setFaults({ zipContent: "csv" });
    await reportFails(
      "userGroups",
      PayloadError,
      /declares \d+ bytes inflated, more than the 1000 allowed/,
      small,
    );
  } finally {
    await small.close();
  }
});

test("zip bomb whose directory lies (claims the report's size, holds 64 MiB): inflation stops just past the claim", async () => {
  sim.epm.setFaults({ zipContent: "lyingSize", zipBombBytes: 64 * 1024 * 1024 });
  await reportFails(
    "userGroups",
    PayloadError,
    /^User Group report arrived as a zip that cannot be trusted: its "UserGroup_[^"]+\.csv" inflates past the \d+ bytes its directory declares \(stopped at \d+ bytes\)\. Nothing was parsed; download it again\.$/,
  );
});

test("JSON nested 100 000 deep in a job status: PayloadError with the depth, not a RangeError", async () => {
  sim.epm.setFaults({ deepJson: 100_000 });
  await reportFails(
    "userGroups",
    PayloadError,
    /^Oracle EPM User Group report job answered JSON nested more than 64 levels deep \(level 65 opens at byte \d+\) — not an EPM envelope\./,
  );
  const shallow = basicClient(sim, { maxJsonDepth: 3 });
  try {
    sim.epm.setFaults({ deepJson: 4 });
    await reportFails(
      "userGroups",
      PayloadError,
      /nested more than 3 levels deep \(level 4 opens at byte \d+\)/,
      shallow,
    );
  } finally {
    await shallow.close();
  }
});

test("a job status body past maxJsonBytes: PayloadError with its size and the limit", async () => {
  sim.epm.setFaults({ hugeJson: 50_000 });
  const client = basicClient(sim, { maxJsonBytes: 20_000 });
  try {
    await reportFails(
      "userGroups",
      PayloadError,
      /^Oracle EPM User Group report job answered a JSON body of 50000 bytes, more than the 20000 allowed \(maxJsonBytes\)\. Nothing was parsed/,
      client,
    );
  } finally {
    await client.close();
  }
});

test("a job that never ends: TimeoutError after maxJobPolls polls, with the numbers", async () => {
  sim.epm.setFaults({ jobNeverEnds: true });
  const client = basicClient(sim, { maxJobPolls: 5 });
  try {
    const polls = sim.epm.stats.polls;
    const error = await reportFails(
      "userGroups",
      TimeoutError,
      /^Oracle EPM User Group report job was still running after \d+ ms and 5 status polls \(limits: jobTimeoutMs 10000, maxJobPolls 5; last status -1\): http:\/\/127\.0\.0\.1:\d+\/epm\/interop\/rest\/security\/v1\/jobs\/\d+\. Raise jobTimeoutMs or maxJobPolls/,
      client,
    );
    assert.equal((error as TimeoutError).timeoutMs, 10_000);
    assert.equal(sim.epm.stats.polls - polls, 5);
  } finally {
    await client.close();
  }
});

test("a job that never ends: TimeoutError after jobTimeoutMs", async () => {
  sim.epm.setFaults({ jobNeverEnds: true });
  const client = basicClient(sim, { jobTimeoutMs: 80 });
  try {
    const error = await reportFails(
      "roleAssignments",
      TimeoutError,
      /^Oracle EPM Role Assignment report job was still running after \d+ ms and \d+ status polls? \(limits: jobTimeoutMs 80, maxJobPolls 1000; last status -1\)/,
      client,
    );
    const waited = Number(/after (\d+) ms/.exec(error.message)![1]);
    assert.ok(waited >= 80 && waited < 5000, String(waited));
  } finally {
    await client.close();
  }
});

test("an HTML page with HTTP 200 instead of a job status, a listing, a submission or the file: PayloadError", async () => {
  sim.epm.setFaults({ html200: ["poll"] });
  await reportFails(
    "userGroups",
    PayloadError,
    /^Oracle EPM User Group report job answered with a body that is not JSON \(looks like an HTML page\)\./,
  );
  sim.epm.setFaults({ html200: ["list"] });
  const listed = await rejection(epm.files.list());
  assert.ok(listed instanceof PayloadError);
  assert.match(
    listed.message,
    /^Oracle EPM file listing answered with a body that is not JSON \(looks like an HTML page\)/,
  );
  assert.match(listed.bodyExcerpt, /^<!DOCTYPE html> <html><head><title>Oracle Cloud - Sign In/);
  sim.epm.setFaults({ html200: ["submit"] });
  const submitted = await rejection(epm.reports.userGroups());
  assert.ok(submitted instanceof PayloadError);
  assert.match(
    submitted.message,
    /^Oracle EPM User Group report job answered with a body that is not JSON \(looks like an HTML page\)/,
  );
  sim.epm.setFaults({ html200: ["download"] });
  await reportFails(
    "invalidLogins",
    PayloadError,
    /^Invalid Login report download of InvalidLogin_[^ ]+\.csv answered an HTML page \(text\/html; charset=utf-8\) instead of the report file/,
  );
});

test("a body cut in half (complete HTTP, broken content): PayloadError, never a shorter frame", async () => {
  sim.epm.setFaults({ truncated: ["poll"] });
  await reportFails(
    "userGroups",
    PayloadError,
    /^Oracle EPM User Group report job answered with a body that is not JSON\./,
  );
  // A CSV cut mid-file ends in a short row or an open quote, named.
  sim.epm.setFaults({ truncated: ["download"] });
  await reportFails(
    "roleAssignments",
    PayloadError,
    /^Role Assignment report(: row \d+ \(line \d+ of the file\) has \d cells? where the header has 6: a short row| is not valid CSV: the quoted cell that opens on line \d+ never closes)/,
  );
  sim.epm.setFaults({ truncated: ["download"], zip: true });
  await reportFails(
    "roleAssignments",
    PayloadError,
    /^Role Assignment report arrived as a zip that cannot be opened/,
  );
});

test("secrets of any shape never show: password with a line break, tokens with spaces or line breaks, user:password", async () => {
  const weird = {
    password: "line1-Secret\nline2-Secret",
    tokenSpaces: "tok3n with-Secret spaces",
    tokenBreak: "tok3n-Secret\r\nX-Injected: 1",
    pasted: "epm.auditor:Pasted-Secret-99",
  };
  const all = [
    ...secrets,
    ...Object.values(weird),
    "line1-Secret",
    "line2-Secret",
    "Pasted-Secret-99",
    "with-Secret",
  ];
  const base = { url: sim.epm.url, now: () => sim.clock.now(), ...fastOptions() };
  // The password is sent (base64) and refused: an AuthError without it.
  const wrong = new EpmClient({ ...base, username: "epm.auditor", password: weird.password });
  try {
    const error = await rejection(wrong.reports.userGroups());
    assert.equal(error.code, "E_AUTH");
    assertNoSecrets(error, [...all, Buffer.from(`epm.auditor:${weird.password}`).toString("base64")]);
  } finally {
    await wrong.close();
  }
  const before = epmRequests(sim);
  const refused: Array<[() => EpmClient, RegExp]> = [
    [
      () => new EpmClient({ ...base, token: weird.tokenSpaces }),
      /^\[epm-auth\] the token \(24 characters\) holds whitespace/,
    ],
    [
      () => new EpmClient({ ...base, token: weird.tokenBreak }),
      /^\[epm-auth\] the token \(27 characters\) holds whitespace/,
    ],
    [
      () => new EpmClient({ ...base, username: weird.pasted, password: "x" }),
      /^\[epm-auth\] the username holds a colon/,
    ],
    [
      () => new EpmClient({ ...base, username: "a\nPasted-Secret-99", password: "x" }),
      /^\[epm-auth\] the username holds a line break/,
    ],
  ];
  for (const [make, message] of refused) {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof ValidationError, String(error));
    assert.match(error.message, message);
    assertNoSecrets(error, all);
  }
  // A token function handing a malformed token: refused at the first request, unsent, unshown.
  const fn = new EpmClient({ ...base, token: () => weird.tokenBreak });
  try {
    const error = await rejection(fn.files.list());
    assert.ok(error instanceof ValidationError);
    assert.match(
      error.message,
      /^\[epm-auth\] the token function's token \(27 characters\) holds whitespace/,
    );
    assertNoSecrets(error, all);
  } finally {
    await fn.close();
  }
  assert.equal(epmRequests(sim), before);
  // Surrounding whitespace (a line break from a file) is not part of a token.
  const padded = new EpmClient({ ...base, token: `  ${sim.epm.token}\n` });
  try {
    assert.equal((await padded.files.list()).length, 0);
  } finally {
    await padded.close();
  }
});

test("option limits are checked: whole positive numbers, timers within Node's range", () => {
  const base = { ...sim.epm.clientOptions };
  for (const [option, value, message] of [
    ["maxJobPolls", 0, /maxJobPolls must be a positive whole number/],
    ["maxJsonBytes", 1.5, /maxJsonBytes must be a positive whole number/],
    ["maxJsonDepth", -1, /maxJsonDepth must be a positive whole number/],
    ["maxInflatedBytes", Number.NaN, /maxInflatedBytes must be a positive whole number/],
    ["jobTimeoutMs", 2 ** 31, /jobTimeoutMs must be a positive number of ms, at most 2147483647/],
  ] as const) {
    assert.throws(
      () => new EpmClient({ ...base, [option]: value }),
      (e: unknown) => e instanceof ValidationError && message.test(e.message),
      option,
    );
  }
});
