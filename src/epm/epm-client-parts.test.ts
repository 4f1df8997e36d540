import assert from "node:assert/strict";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { PayloadError } from "../errors/payload-error.js";
import { Redactor } from "../http/redact.js";
import { readEpmEnvelope } from "./epm-envelope.js";
import { epmReportFileName } from "./epm-report-file-name.js";
import { readEpmReportFile } from "./read-epm-report-file.js";
import { sameOriginLink } from "./same-origin-link.js";

const ORIGIN = "https://epm-acme.epm.us-phoenix-1.ocs.oraclecloud.com";

test("sameOriginLink accepts only the configured origin, GET, no user info", () => {
  assert.equal(
    sameOriginLink(`${ORIGIN}/interop/rest/v2/jobs/7`, ORIGIN, "x", "GET").pathname,
    "/interop/rest/v2/jobs/7",
  );
  const refused: Array<[string, string | undefined, RegExp]> = [
    [
      "https://evil.example/interop/rest/v2/jobs/7",
      undefined,
      /to https:\/\/evil\.example, not https:\/\/epm-acme/,
    ],
    [
      `${ORIGIN.replace("https", "http")}/jobs/7`,
      undefined,
      /to http:\/\/epm-acme.*, not https:\/\/epm-acme/,
    ],
    [`${ORIGIN}:8443/jobs/7`, undefined, /:8443, not/],
    [`${ORIGIN}/jobs/7`, "POST", /with action POST, not GET/],
    [`${ORIGIN}/jobs/ 7`, undefined, /that is not an absolute URL/],
    ["/interop/rest/v2/jobs/7", undefined, /that is not an absolute URL/],
    [`javascript:alert(1)`, undefined, /with scheme javascript:/],
    [ORIGIN.replace("https://", "https://a:b@"), undefined, /carrying user info/],
  ];
  for (const [href, action, message] of refused) {
    assert.throws(
      () => sameOriginLink(href, ORIGIN, '"Job Status" link', action),
      (e: unknown) =>
        (e as { code?: string }).code === "E_EPM_FOREIGN_LINK" && message.test((e as Error).message),
      href,
    );
  }
});

test("readEpmEnvelope reads numeric or text status, array or object links, interop or security errors", () => {
  const r = new Redactor();
  r.add("hunter2-secret");
  const a = readEpmEnvelope(
    Buffer.from('{"status":"-1","details":null,"links":[{"href":"h","rel":"Job Status","action":"GET"}]}'),
    "job",
    r,
  );
  assert.deepEqual(
    [a.status, a.details, a.links],
    [-1, undefined, [{ href: "h", rel: "Job Status", action: "GET" }]],
  );
  const b = readEpmEnvelope(
    Buffer.from(
      '{"status":1,"error":{"errorcode":"EPMCSS-20644","errormessage":"bad hunter2-secret"},"links":{"href":"s","action":"GET"}}',
    ),
    "report",
    r,
  );
  assert.deepEqual(
    [b.status, b.details, b.links],
    [1, "EPMCSS-20644: bad [REDACTED]", [{ href: "s", rel: "", action: "GET" }]],
  );
  assert.throws(() => readEpmEnvelope(Buffer.from("<html>502</html>"), "job", r), PayloadError);
  assert.throws(
    () => readEpmEnvelope(Buffer.from('{"status":"RUNNING"}'), "job", r),
    /without a status EPM uses/,
  );
});

test("readEpmReportFile passes CSV through and unzips a zip by header or by signature", () => {
  assert.equal(readEpmReportFile(strToU8("A\n1\n"), "csv", "R"), "A\n1\n");
  const zip = zipSync({
    "dir/": new Uint8Array(),
    "notes.txt": strToU8("x"),
    "r.csv": strToU8("\ufeffA\n1\n"),
  });
  assert.equal(readEpmReportFile(zip, "zip", "R"), "\ufeffA\n1\n");
  assert.equal(readEpmReportFile(zip, undefined, "R"), "\ufeffA\n1\n");
  assert.throws(
    () => readEpmReportFile(zipSync({ "a.txt": strToU8("x"), "b.txt": strToU8("y") }), "zip", "User Audit"),
    /User Audit report arrived as a zip without a CSV file \(entries: a\.txt, b\.txt\)/,
  );
  assert.throws(() => readEpmReportFile(strToU8("not a zip"), "zip", "R"), /cannot be opened/);
});

test("epmReportFileName: report, days, instant and randomness", () => {
  const now = Date.parse("2026-02-01T10:15:00.123Z");
  assert.equal(
    epmReportFileName("GroupAssignmentAudit", { from: "2026-01-01", to: "2026-01-31" }, now, "3fa9c1d2"),
    "GroupAssignmentAudit_20260101-20260131_20260201T101500Z_3fa9c1d2.csv",
  );
  assert.notEqual(
    epmReportFileName("UserGroup", undefined, now),
    epmReportFileName("UserGroup", undefined, now),
  );
});
