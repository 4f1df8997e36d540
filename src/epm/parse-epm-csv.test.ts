import assert from "node:assert/strict";
import { test } from "node:test";
import type pl from "nodejs-polars";
import { PayloadError } from "../errors/payload-error.js";
import {
  EPM_GROUP_ASSIGNMENT_AUDIT_SCHEMA,
  EPM_USER_GROUPS_SCHEMA,
  EPM_USER_LOGINS_SCHEMA,
} from "./epm-report-schemas.js";
import { parseEpmCsv } from "./parse-epm-csv.js";
import { stripEpmCsvPreamble } from "./strip-epm-csv-preamble.js";

const d = (iso: string) => new Date(iso);
const dtypes = (df: pl.DataFrame) =>
  Object.fromEntries(Object.entries(df.schema).map(([k, v]) => [k, String(v)]));

test("parseEpmCsv: BOM, id preamble, camelCase names, timestamps, quoted comma and newline", () => {
  const csv = [
    '\ufeff"RU5DUllQVEVEX0FQUF9JRA=="',
    "Name,Type,Group,Group Type,Action,Performed By,Date and Time",
    'jdoe,User,"Planners, EMEA",EPM,Assigned,admin@example.com,2026-01-05 14:03:11',
    '"Team\nNorth",EPM Group,Finance,EPM,Unassigned,jdoe,"July 28, 2022 18:43:21 UTC"',
    "",
  ].join("\r\n");
  const df = parseEpmCsv(csv, { schema: EPM_GROUP_ASSIGNMENT_AUDIT_SCHEMA });
  assert.deepEqual(dtypes(df), {
    name: "DataType(String)",
    type: "DataType(String)",
    group: "DataType(String)",
    groupType: "DataType(String)",
    action: "DataType(String)",
    performedBy: "DataType(String)",
    dateAndTime: "DataType(Datetime(ms,UTC))",
  });
  assert.deepEqual(df.toRecords(), [
    {
      name: "jdoe",
      type: "User",
      group: "Planners, EMEA",
      groupType: "EPM",
      action: "Assigned",
      performedBy: "admin@example.com",
      dateAndTime: d("2026-01-05T14:03:11Z"),
    },
    {
      name: "Team\nNorth",
      type: "EPM Group",
      group: "Finance",
      groupType: "EPM",
      action: "Unassigned",
      performedBy: "jdoe",
      dateAndTime: d("2022-07-28T18:43:21Z"),
    },
  ]);
});

test("parseEpmCsv: Yes/No to Boolean, empty cells null, unknown columns kept as text", () => {
  const csv =
    'User Login,First Name,Last Name,Email,Direct,Group,Source System\nana,Ana,"O\'Brien",,Yes,G1,IDCS\nbo,Bo,Kim,bo@x.com,no,G2,\n';
  const df = parseEpmCsv(csv, { schema: EPM_USER_GROUPS_SCHEMA });
  assert.deepEqual(df.columns, [
    "userLogin",
    "firstName",
    "lastName",
    "email",
    "direct",
    "group",
    "sourceSystem",
  ]);
  assert.equal(String(df.schema.direct), "DataType(Bool)");
  assert.equal(String(df.schema.sourceSystem), "DataType(String)");
  assert.deepEqual(df.toRecords(), [
    {
      userLogin: "ana",
      firstName: "Ana",
      lastName: "O'Brien",
      email: null,
      direct: true,
      group: "G1",
      sourceSystem: "IDCS",
    },
    {
      userLogin: "bo",
      firstName: "Bo",
      lastName: "Kim",
      email: "bo@x.com",
      direct: false,
      group: "G2",
      sourceSystem: null,
    },
  ]);
});

test("parseEpmCsv: header-only gives zero rows with the header's columns, typed", () => {
  const df = parseEpmCsv('\ufeff"APPID"\nUser Login,IP Address,Access Date and Time\n', {
    schema: EPM_USER_LOGINS_SCHEMA,
  });
  assert.equal(df.height, 0);
  assert.deepEqual(dtypes(df), {
    userLogin: "DataType(String)",
    ipAddress: "DataType(String)",
    accessDateAndTime: "DataType(Datetime(ms,UTC))",
  });
});

test("parseEpmCsv: an empty file gives zero rows with the schema's columns", () => {
  for (const empty of ["", "\ufeff", "\ufeff\r\n"]) {
    const df = parseEpmCsv(Buffer.from(empty), { schema: EPM_USER_LOGINS_SCHEMA });
    assert.equal(df.height, 0);
    assert.deepEqual(df.columns, ["userLogin", "ipAddress", "accessDateAndTime"]);
  }
});

test("parseEpmCsv: a timestamp that fits no format is a PayloadError naming column, row and value", () => {
  const csv =
    "User Login,IP Address,Access Date and Time\na,1.1.1.1,2026-01-05 14:03:11\nb,1.1.1.2,05/01/2026 14:03\n";
  assert.throws(
    () => parseEpmCsv(csv, { schema: EPM_USER_LOGINS_SCHEMA, report: "User Login" }),
    (error: unknown) =>
      error instanceof PayloadError &&
      error.code === "E_PAYLOAD" &&
      error.message.startsWith(
        'User Login report: column "accessDateAndTime" ("Access Date and Time") row 2 holds "05/01/2026 14:03", expected a timestamp',
      ),
  );
});

test("parseEpmCsv: a Yes/No column with another value is a PayloadError", () => {
  assert.throws(
    () => parseEpmCsv("User Login,Direct\na,Maybe\n", { schema: EPM_USER_GROUPS_SCHEMA }),
    /column "direct" \("Direct"\) row 1 holds "Maybe", expected Yes or No/,
  );
});

test("parseEpmCsv: ragged rows and broken quoting are errors, not silent truncation", () => {
  assert.throws(() => parseEpmCsv("A,B\n1,2,3\n"), PayloadError);
  assert.throws(() => parseEpmCsv('A,B\n"1,2\n'), PayloadError);
});

test("parseEpmCsv: duplicate and blank headers get distinct names", () => {
  const df = parseEpmCsv("Group,group,\n1,2,3\n");
  assert.deepEqual(df.columns, ["group", "group2", "column3"]);
});

test("stripEpmCsvPreamble keeps a header that merely starts with a quote", () => {
  assert.equal(stripEpmCsvPreamble('"User Login",Email\nx,y\n'), '"User Login",Email\nx,y\n');
  assert.equal(stripEpmCsvPreamble('"Only"\n'), '"Only"\n');
  assert.equal(stripEpmCsvPreamble('\ufeff"ID"\nA\n1\n'), "A\n1\n");
});
