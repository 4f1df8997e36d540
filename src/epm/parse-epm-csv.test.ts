import assert from "node:assert/strict";
import { test } from "node:test";
import pl from "nodejs-polars";
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

test("parseEpmCsv: Yes/No to Boolean, empty cells null, columns in schema order whatever the header order", () => {
  const csv =
    'Group,User Login,First Name,Last Name,Email,Direct\nG1,ana,Ana,"O\'Brien",,Yes\nG2,bo,Bo,Kim,bo@x.com,no\n';
  const df = parseEpmCsv(csv, { schema: EPM_USER_GROUPS_SCHEMA });
  assert.deepEqual(df.columns, ["userLogin", "firstName", "lastName", "email", "direct", "group"]);
  assert.equal(String(df.schema.direct), "DataType(Bool)");
  assert.deepEqual(df.toRecords(), [
    { userLogin: "ana", firstName: "Ana", lastName: "O'Brien", email: null, direct: true, group: "G1" },
    { userLogin: "bo", firstName: "Bo", lastName: "Kim", email: "bo@x.com", direct: false, group: "G2" },
  ]);
});

test("parseEpmCsv: a header off the layout is refused, naming unknown, missing and repeated columns", () => {
  const header = "User Login,First Name,Last Name,Email,Direct,Group";
  const cases: Array<[string, string]> = [
    [
      `${header},Source System`,
      'unknown column "Source System" (expected the columns userLogin, firstName, lastName, email, direct, group)',
    ],
    ["User Login,First Name,Last Name,Email,Direct", "missing column group ("],
    ["User Login,Direct", "missing columns firstName, lastName, email, group ("],
    [`${header},group`, 'repeated column "group" ('],
    [
      "User Login,First Name,Last Name,E-mail Address,Direct,Group,\u0007",
      'unknown columns "E-mail Address", "\\u0007"; missing column email (',
    ],
  ];
  for (const [head, part] of cases) {
    assert.throws(
      () => parseEpmCsv(`${head}\n`, { schema: EPM_USER_GROUPS_SCHEMA, report: "User Group" }),
      (e: unknown) =>
        e instanceof PayloadError &&
        e.code === "E_PAYLOAD" &&
        e.message.startsWith("User Group report's header does not match its layout: ") &&
        e.message.includes(part),
      head,
    );
  }
});

test("parseEpmCsv: aliases map an older header onto the schema; case and spacing of headers do not matter", () => {
  const schema = { name: pl.String, performedBy: pl.String };
  const df = parseEpmCsv("USER LOGIN,administrator\njdoe,root\n", {
    schema,
    aliases: { userLogin: "name", administrator: "performedBy" },
  });
  assert.deepEqual(df.toRecords(), [{ name: "jdoe", performedBy: "root" }]);
});

test("parseEpmCsv: a short or long row is a PayloadError naming the row, its line and both widths", () => {
  const head = "User Login,IP Address,Access Date and Time\n";
  const ok = "a,1.1.1.1,2026-01-05 14:03:11\n";
  const cases: Array<[string, RegExp]> = [
    [
      `${head}${ok}b,1.1.1.2\n`,
      /^User Login report: row 2 \(line 3 of the file\) has 2 cells where the header has 3: a short row\./,
    ],
    [
      `${head}${ok}${ok}c,1.1.1.3,2026-01-05 14:03:11,x\n`,
      /^User Login report: row 3 \(line 4 of the file\) has 4 cells where the header has 3: a long row\./,
    ],
    [
      `${head}"x\ny",1.1.1.1,2026-01-05 14:03:11\nb\n`,
      /^User Login report: row 2 \(line 4 of the file\) has 1 cell where the header has 3: a short row\./,
    ],
    [
      `${head}${ok}\n${ok}`,
      /^User Login report: row 2 \(line 3 of the file\) has 1 cell where the header has 3/,
    ],
  ];
  for (const [csv, message] of cases) {
    assert.throws(
      () => parseEpmCsv(csv, { schema: EPM_USER_LOGINS_SCHEMA, report: "User Login" }),
      (e: unknown) => e instanceof PayloadError && e.code === "E_PAYLOAD" && message.test(e.message),
      csv,
    );
  }
  // Blank lines at the very end are only the file's end.
  assert.equal(parseEpmCsv(`${head}${ok}\r\n\r\n`, { schema: EPM_USER_LOGINS_SCHEMA }).height, 1);
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

test("parseEpmCsv: a file without a header row is refused when the layout is known", () => {
  for (const empty of ["", "\ufeff", "\ufeff\r\n", "  \n"]) {
    assert.throws(
      () => parseEpmCsv(Buffer.from(empty), { schema: EPM_USER_LOGINS_SCHEMA, report: "User Login" }),
      (e: unknown) =>
        e instanceof PayloadError && /^User Login report file is empty: no header row\./.test(e.message),
      JSON.stringify(empty),
    );
  }
  assert.deepEqual(parseEpmCsv("").columns, []);
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
    () =>
      parseEpmCsv("User Login,First Name,Last Name,Email,Direct,Group\na,A,B,a@x,Maybe,G\n", {
        schema: EPM_USER_GROUPS_SCHEMA,
      }),
    /column "direct" \("Direct"\) row 1 holds "Maybe", expected Yes or No/,
  );
});

test("parseEpmCsv: ragged rows and broken quoting are errors, not silent truncation", () => {
  assert.throws(
    () => parseEpmCsv("A,B\n1,2,3\n"),
    /row 1 \(line 2 of the file\) has 3 cells where the header has 2/,
  );
  assert.throws(
    () => parseEpmCsv("A,B\n1\n"),
    /row 1 \(line 2 of the file\) has 1 cell where the header has 2: a short row/,
  );
  assert.throws(() => parseEpmCsv('A,B\n"1,2\n'), /the quoted cell that opens on line 2 never closes/);
  assert.throws(
    () => parseEpmCsv('A,B\n"1"x,2\n'),
    /line 2 has text right after a closing quote \("x,2\\n"\)/,
  );
  // A quote inside an unquoted cell is data.
  assert.deepEqual(parseEpmCsv('A,B\nO"Brien,2\n').toRecords(), [{ a: 'O"Brien', b: "2" }]);
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
