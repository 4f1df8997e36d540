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

test("readEpmReportFile passes CSV through and unzips a zip holding exactly one CSV", () => {
  assert.equal(readEpmReportFile(strToU8("A\n1\n"), "csv", "R"), "A\n1\n");
  const zip = zipSync({ "dir/": new Uint8Array(), "dir/r.csv": strToU8("\ufeffA\n1\n") });
  assert.equal(readEpmReportFile(zip, "zip", "R"), "\ufeffA\n1\n");
  assert.equal(readEpmReportFile(zip, undefined, "R"), "\ufeffA\n1\n");
  assert.equal(
    readEpmReportFile(zipSync({ "r.CSV": strToU8("A") }, { level: 0 }), "zip", "R", { entryName: "R.csv" }),
    "A",
  );
});

test("readEpmReportFile refuses a zip that does not hold exactly the expected CSV", () => {
  const refused: Array<[Uint8Array, RegExp]> = [
    [
      zipSync({ "r.csv": strToU8("A\n1\n"), "s.csv": strToU8("B\n2\n") }),
      /^User Audit report arrived as a zip holding 2 files \("r\.csv", "s\.csv"\) where one CSV was expected; refused rather than picking one\./,
    ],
    [
      zipSync({ "notes.txt": strToU8("x"), "r.csv": strToU8("A\n1\n") }),
      /^User Audit report arrived as a zip holding 2 files \("notes\.txt", "r\.csv"\)/,
    ],
    [
      zipSync({ "r.txt": strToU8("A\n1\n") }),
      /^User Audit report arrived as a zip without a CSV file \(entries: "r\.txt"\)/,
    ],
    [
      zipSync({}),
      /^User Audit report arrived as a zip (without a CSV file \(entries: none\)|that cannot be opened)/,
    ],
    [strToU8("not a zip"), /^User Audit report arrived as a zip that cannot be opened \(invalid zip data\)/],
  ];
  for (const [bytes, message] of refused) {
    assert.throws(
      () => readEpmReportFile(bytes, "zip", "User Audit"),
      (e: unknown) => e instanceof PayloadError && e.code === "E_PAYLOAD" && message.test(e.message),
      String(message),
    );
  }
  assert.throws(
    () => readEpmReportFile(zipSync({ "x.csv": strToU8("A") }), "zip", "R", { entryName: "r.csv" }),
    /R report arrived as a zip holding "x\.csv", not "r\.csv"/,
  );
  assert.throws(
    () => readEpmReportFile(new Uint8Array([0xff, 0xfe, 0x41]), "csv", "R"),
    /^PayloadError: R report is not UTF-8 text \(3 bytes\)/,
  );
});

test("readEpmReportFile checks the declared size before inflating and stops a zip that lies about it", () => {
  const csv = new Uint8Array(4_000_000).fill(0x41); // compresses ~1000:1
  const honest = zipSync({ "r.csv": csv }, { level: 9 });
  assert.ok(honest.length < 10_000);
  assert.throws(
    () => readEpmReportFile(honest, "zip", "R", { maxInflatedBytes: 1_000_000 }),
    (e: unknown) =>
      e instanceof PayloadError &&
      e.message ===
        'R report arrived as a zip whose "r.csv" declares 4000000 bytes inflated, more than the 1000000 allowed (maxInflatedBytes); nothing was inflated. Raise maxInflatedBytes if the report is really that large.',
  );
  assert.equal(readEpmReportFile(honest, "zip", "R", { maxInflatedBytes: 4_000_000 }).length, 4_000_000);
  // The directory (and the local header) claim 1000 bytes: inflation stops soon past them.
  const lying = withDeclaredSize(honest, 1000);
  assert.throws(
    () => readEpmReportFile(lying, "zip", "R"),
    (e: unknown) =>
      e instanceof PayloadError &&
      /^R report arrived as a zip that cannot be trusted: its "r\.csv" inflates past the 1000 bytes its directory declares \(stopped at \d+ bytes\)\. Nothing was parsed/.test(
        e.message,
      ),
  );
  // Claiming more than there is fails too: the size must be exact.
  assert.throws(
    () => readEpmReportFile(withDeclaredSize(honest, 4_000_001), "zip", "R"),
    /its "r\.csv" inflates to 4000000 bytes, not the 4000001 its directory declares/,
  );
  assert.throws(() => readEpmReportFile(honest.subarray(0, honest.length - 30), "zip", "R"), PayloadError);
});

test("readEpmReportFile checks the entry's CRC-32: a flipped byte is refused, not read as data", () => {
  const stored = zipSync({ "r.csv": strToU8("A,B\n1,2\n") }, { level: 0 });
  assert.equal(readEpmReportFile(stored, "zip", "R"), "A,B\n1,2\n");
  const flipped = stored.slice();
  flipped[35 + 4] = 0x30; // "1" becomes "0"
  assert.throws(
    () => readEpmReportFile(flipped, "zip", "R"),
    (e: unknown) =>
      e instanceof PayloadError &&
      /^R report arrived as a zip that cannot be trusted: its "r\.csv" fails its checksum \(CRC-32 [0-9a-f]{8}, directory says [0-9a-f]{8}\)\. Nothing was parsed/.test(
        e.message,
      ),
  );
});

/** A copy of a one-entry zip whose local header and directory claim `size` inflated bytes. */
function withDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  view.setUint32(22, size, true); // local file header: uncompressed size
  for (let i = out.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x02014b50) {
      view.setUint32(i + 24, size, true); // central directory: uncompressed size
      break;
    }
  }
  return out;
}

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
