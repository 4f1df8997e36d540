import assert from "node:assert/strict";
import { test } from "node:test";
import { generatePeople } from "../people.js";
import { writeEpmSimCsv } from "./epm-sim-csv.js";
import { epmSimDay } from "./epm-sim-day.js";
import { buildEpmSimReport, EPM_SIM_COLUMNS } from "./epm-sim-reports.js";
import { createEpmSimTenant } from "./epm-sim-tenant.js";

const DAY = Date.parse("2026-11-16T00:00:00Z") / 86_400_000; // a Monday

test("the EPM tenant is the organisation's inEpm people, deterministic per seed", () => {
  const tenant = createEpmSimTenant(1, 300);
  const people = generatePeople(1, 300);
  assert.deepEqual(
    tenant.accounts.map((a) => [a.email, a.login, a.active]),
    people.filter((p) => p.inEpm).map((p) => [p.email, p.epmLogin, p.epmActive]),
  );
  assert.equal(tenant.accounts.filter((a) => a.admin && a.active).length, 3);
  assert.deepEqual(createEpmSimTenant(1, 300), tenant);
  assert.notDeepEqual(createEpmSimTenant(2, 300).accounts[0], tenant.accounts[0]);
});

test("a day's activity is a pure function of the day, with self-assignments and bursts over a month", () => {
  const tenant = createEpmSimTenant(1, 300);
  assert.deepEqual(epmSimDay(tenant, 1, DAY), epmSimDay(tenant, 1, DAY));
  let self = 0;
  let bursts = 0;
  for (let d = DAY - 30; d <= DAY; d++) {
    const day = epmSimDay(tenant, 1, d);
    self += day.groupChanges.filter((c) => c.name === c.performedBy).length;
    self += day.roleChanges.filter((c) => c.name === c.performedBy).length;
    const perKey = new Map<string, number>();
    for (const l of day.invalidLogins)
      perKey.set(`${l.userName}|${l.ipAddress}`, (perKey.get(`${l.userName}|${l.ipAddress}`) ?? 0) + 1);
    if ([...perKey.values()].some((n) => n >= 8)) bursts++;
  }
  assert.ok(self >= 3, `self-assignments: ${self}`);
  assert.ok(bursts >= 3, `days with bursts: ${bursts}`);
});

test("audit rows stop at the simulated now", () => {
  const tenant = createEpmSimTenant(1, 300);
  const dayOf = (d: number) => epmSimDay(tenant, 1, d);
  const noon = DAY * 86_400_000 + 12 * 3_600_000;
  const range = { from: "2026-11-16", to: "2026-11-16" };
  const rows = buildEpmSimReport(tenant, dayOf, "userLogins", range, noon).rows;
  const all = buildEpmSimReport(tenant, dayOf, "userLogins", range, noon + 86_400_000).rows;
  assert.ok(rows.length > 0 && rows.length < all.length);
  assert.ok(rows.every((r) => (r.accessDateAndTime as Date).getTime() <= noon));
});

test("the CSV writer quotes commas, quotes and newlines, writes both time styles and the preamble", () => {
  const at = new Date("2022-07-28T18:43:21Z");
  assert.equal(
    writeEpmSimCsv(
      EPM_SIM_COLUMNS.userLogins,
      [{ userLogin: 'a "b"', ipAddress: "1.2.3.4", accessDateAndTime: at }],
      "SUQ=",
    ),
    '\ufeff"SUQ="\r\nUser Login,IP Address,Access Date and Time\r\n"a ""b""",1.2.3.4,"July 28, 2022 18:43:21 UTC"\r\n',
  );
  assert.equal(
    writeEpmSimCsv(EPM_SIM_COLUMNS.invalidLogins, [{ userName: "x\ny", ipAddress: null, dateAndTime: at }]),
    'User Name,IP Address,Date and Time\r\n"x\ny",,2022-07-28 18:43:21\r\n',
  );
});
