import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { eventsFrame, usersFrame, utc } from "../../test/frames-support.js";
import { accessRights } from "./access-rights.js";
import { findings } from "./findings.js";
import type { Rule } from "./rule.js";

const USERS = usersFrame([
  { id: "u1", email: "Ann@Example.com" },
  { id: "u2", email: "bob@example.com" },
  { id: "u3", email: "cy@example.com", active: false },
]);
const role = (
  id: string,
  code: string,
  actor: string,
  target: string,
  at: string,
  roleName = "Tenant Admin",
) => ({
  id,
  eventTypeId: code,
  userId: actor,
  objectId: target,
  eventDate: at,
  additionalAttributes: JSON.stringify({ roleName }),
});
const EVENTS = eventsFrame([
  role("1", "AUTHZ-3", "u1", "u2", "2026-11-02T10:00:00Z"), // Mon 10:00 UTC: inside hours
  role("2", "AUTHZ-3", "u1", "u1", "2026-11-07T23:30:00Z"), // Sat: self-grant, outside the window
  role("3", "AUTHZ-6", "u2", "u1", "2026-11-03T12:00:00Z"), // a removal: no grant finding
  { id: "4", eventTypeId: "USR-8", userId: "u3", eventDate: "2026-11-04T08:00:00Z", ipAddress: "10.0.0.1" },
  { id: "5", eventTypeId: "USR-8", userId: "u9", eventDate: "2026-11-04T09:00:00Z" }, // deleted user
  { id: "6", eventTypeId: "USR-8", userId: "INTERNAL_1", eventDate: "2026-11-04T09:00:00Z" },
  ...[0, 2, 4, 6, 8].map((m, i) => ({
    id: `f${i}`,
    eventTypeId: "USR-9",
    userId: "u2",
    success: false,
    ipAddress: "203.0.113.9",
    eventDate: `2026-11-05T09:0${m}:00Z`,
  })),
  {
    id: "f9",
    eventTypeId: "USR-9",
    userId: "u1",
    success: false,
    ipAddress: "203.0.113.9",
    eventDate: "2026-11-05T09:30:00Z",
  },
]);
const ROLE_AUDIT = pl.DataFrame([
  pl.Series("name", ["dan@example.com", "eve@example.com"]),
  pl.Series("type", ["User", "User"]),
  pl.Series("role", ["Service Administrator", "Power User"]),
  pl.Series("action", ["Assigned", "Assigned"]),
  pl.Series("performedBy", ["dan@example.com", "ann@example.com"]),
  utc("dateAndTime", ["2026-11-06T10:00:00Z", "2026-11-06T11:00:00Z"]),
]);
const WINDOW = { from: "2026-11-01T00:00:00Z", to: "2026-11-08T00:00:00Z" };

const rows = (df: pl.DataFrame, ...cols: string[]) =>
  df
    .select(...cols)
    .toRecords()
    .map((r) =>
      cols.map((c) => {
        const v: unknown = r[c];
        return v instanceof Date ? v.toISOString() : v;
      }),
    );

describe("findings", () => {
  it("privileged grants and self-grants in both systems, one row per person and system", () => {
    const rules: Rule[] = [
      { id: "pg", kind: "privileged-grant", severity: "medium" },
      { id: "self", kind: "self-grant", severity: "critical" },
    ];
    const result = findings(
      { anaplanEvents: EVENTS, anaplanUsers: USERS, epmRoleAssignmentAudit: ROLE_AUDIT },
      rules,
      { window: WINDOW },
    );
    assert.deepEqual(
      rows(result.findings, "ruleId", "severity", "person", "system", "firstSeen", "lastSeen", "count"),
      [
        [
          "self",
          "critical",
          "ann@example.com",
          "anaplan",
          "2026-11-07T23:30:00.000Z",
          "2026-11-07T23:30:00.000Z",
          1,
        ],
        [
          "self",
          "critical",
          "dan@example.com",
          "epm",
          "2026-11-06T10:00:00.000Z",
          "2026-11-06T10:00:00.000Z",
          1,
        ],
        [
          "pg",
          "medium",
          "ann@example.com",
          "anaplan",
          "2026-11-07T23:30:00.000Z",
          "2026-11-07T23:30:00.000Z",
          1,
        ],
        [
          "pg",
          "medium",
          "bob@example.com",
          "anaplan",
          "2026-11-02T10:00:00.000Z",
          "2026-11-02T10:00:00.000Z",
          1,
        ],
        ["pg", "medium", "dan@example.com", "epm", "2026-11-06T10:00:00.000Z", "2026-11-06T10:00:00.000Z", 1],
        ["pg", "medium", "eve@example.com", "epm", "2026-11-06T11:00:00.000Z", "2026-11-06T11:00:00.000Z", 1],
      ],
    );
    assert.deepEqual(JSON.parse(result.findings.getColumn("evidence").get(0) as string), [
      {
        at: "2026-11-07T23:30:00.000Z",
        system: "anaplan",
        change: "AUTHZ-3",
        right: "Tenant Admin",
        actor: "ann@example.com",
        eventId: "2",
      },
    ]);
    assert.deepEqual(result.skipped, []);
  });

  it("change-window: changes outside Mon-Fri 08:00-18:00 Europe/Berlin, by who made them", () => {
    const rule: Rule = {
      id: "cw",
      kind: "change-window",
      severity: "medium",
      timeZone: "Europe/Berlin",
      days: ["Mon", "Tue", "Wed", "Thu", "Fri"],
      hours: { from: "08:00", to: "18:00" },
    };
    const result = findings(
      { anaplanEvents: EVENTS, anaplanUsers: USERS, epmRoleAssignmentAudit: ROLE_AUDIT },
      [rule],
      { window: WINDOW },
    );
    // 2026-11-07T23:30Z is Sun 00:30 in Berlin; the rest fall on weekdays 11:00-13:00 Berlin.
    assert.deepEqual(rows(result.findings, "person", "system", "count"), [["ann@example.com", "anaplan", 1]]);
    assert.equal(
      JSON.parse(result.findings.getColumn("evidence").get(0) as string)[0].localTime,
      "Sun 2026-11-08 00:30",
    );
  });

  it("deactivated and deleted accounts that sign in; system actors ignored", () => {
    const result = findings({ anaplanEvents: EVENTS, anaplanUsers: USERS }, [
      { id: "d", kind: "deactivated-sign-in", severity: "critical" },
    ]);
    assert.deepEqual(rows(result.findings, "person", "count", "summary"), [
      ["cy@example.com", 1, "Signed in 1 time while the account is inactive"],
      ["u9", 1, "Signed in 1 time while the account is not in the users list (deleted)"],
    ]);
  });

  it("failed sign-in bursts per account and per address; a lone failure is not a burst", () => {
    const rules: Rule[] = [
      {
        id: "acct",
        kind: "failed-sign-in-burst",
        severity: "high",
        per: "account",
        threshold: 5,
        minutes: 10,
      },
      {
        id: "addr",
        kind: "failed-sign-in-burst",
        severity: "high",
        per: "address",
        threshold: 6,
        minutes: 30,
      },
      {
        id: "tight",
        kind: "failed-sign-in-burst",
        severity: "low",
        per: "account",
        threshold: 5,
        minutes: 7,
      },
    ];
    const result = findings({ anaplanEvents: EVENTS, anaplanUsers: USERS }, rules);
    assert.deepEqual(rows(result.findings, "ruleId", "person", "count", "firstSeen", "lastSeen"), [
      ["acct", "bob@example.com", 5, "2026-11-05T09:00:00.000Z", "2026-11-05T09:08:00.000Z"],
      ["addr", "203.0.113.9", 6, "2026-11-05T09:00:00.000Z", "2026-11-05T09:30:00.000Z"],
    ]);
  });

  it("segregation of duties and dormant privileged holders from the rights frame", () => {
    const roles = pl.DataFrame({
      userLogin: ["dan@example.com", "eve@example.com", "ann@example.com"],
      firstName: ["Dan", "Eve", "Ann"],
      lastName: ["D", "E", "A"],
      email: ["dan@example.com", "eve@example.com", "ann@example.com"],
      role: ["Service Administrator", "Viewer", "Service Administrator"],
      grantedThrough: ["Direct", "Direct", "Admins"],
    });
    const anaplan = pl.DataFrame({
      person: ["ann@example.com"],
      system: ["anaplan"],
      right: ["Workspace Administrator"],
      grantedThrough: ["Direct"],
      privileged: [true],
    });
    const rights = accessRights({ epmRoleAssignments: roles, extra: anaplan });
    const logins = pl.DataFrame([
      pl.Series("userLogin", ["DAN@example.com"]),
      pl.Series("ipAddress", ["10.1.1.1"]),
      utc("accessDateAndTime", ["2026-10-30T10:00:00Z"]),
    ]);
    const rules: Rule[] = [
      {
        id: "sod",
        kind: "segregation-of-duties",
        severity: "high",
        conflicts: [
          [
            { system: "anaplan", right: "workspace administrator" },
            { system: "epm", right: "Service Administrator" },
          ],
        ],
      },
      { id: "dormant", kind: "dormant-privileged", severity: "high", days: 30 },
    ];
    const window = { from: "2026-10-01T00:00:00Z", to: "2026-11-08T00:00:00Z" };
    const result = findings(
      { rights, epmUserLogins: logins, anaplanEvents: EVENTS, anaplanUsers: USERS },
      rules,
      { window },
    );
    assert.deepEqual(rows(result.findings, "ruleId", "person", "system", "lastSeen"), [
      ["dormant", "ann@example.com", "anaplan", null],
      ["dormant", "ann@example.com", "epm", null],
      ["sod", "ann@example.com", "anaplan+epm", null],
    ]);
  });

  it("EPM sign-ins by a short login count for the person of that account (epmAccounts)", () => {
    const roles = pl.DataFrame({
      userLogin: ["ann"],
      firstName: ["Ann"],
      lastName: ["A"],
      email: ["Ann@example.com"],
      role: ["Service Administrator"],
      grantedThrough: ["Direct"],
    });
    const logins = pl.DataFrame([
      pl.Series("userLogin", [" ANN "]),
      pl.Series("ipAddress", ["10.1.1.1"]),
      utc("accessDateAndTime", ["2026-11-01T10:00:00Z"]),
    ]);
    const rules: Rule[] = [{ id: "dormant", kind: "dormant-privileged", severity: "high", days: 30 }];
    const window = { from: "2026-10-01T00:00:00Z", to: "2026-11-08T00:00:00Z" };
    const frames = { rights: accessRights({ epmRoleAssignments: roles }), epmUserLogins: logins };
    assert.deepEqual(rows(findings(frames, rules, { window }).findings, "person", "system"), [
      ["ann@example.com", "epm"],
    ]);
    assert.equal(findings({ ...frames, epmAccounts: roles }, rules, { window }).findings.height, 0);
  });

  it("rules that cannot run are listed as skipped, never as clean", () => {
    const result = findings({ anaplanEvents: EVENTS }, undefined, { window: WINDOW });
    assert.deepEqual(result.skipped, [
      { ruleId: "dormant-privileged", reason: "needs rights" },
      { ruleId: "deactivated-sign-in", reason: "needs anaplanUsers" },
      { ruleId: "sod-admin-both-systems", reason: "needs rights" },
    ]);
    const short = findings(
      { rights: accessRights({}) },
      [{ id: "d", kind: "dormant-privileged", severity: "high", days: 90 }],
      { window: WINDOW },
    );
    assert.match(short.skipped[0]!.reason, /^the sign-ins cover 7 days, fewer than the rule's 90/);
  });

  it("rules over rights that lack a system are listed as partial, with what is missing", () => {
    const result = findings(
      { anaplanEvents: EVENTS, rights: accessRights({}), rightsIncomplete: ["no Anaplan entitlements"] },
      undefined,
      { window: WINDOW },
    );
    assert.deepEqual(result.partial, [
      { ruleId: "sod-admin-both-systems", reason: "ran on incomplete rights: no Anaplan entitlements" },
    ]);
    assert.deepEqual(findings({ rights: accessRights({}) }).partial, []);
  });

  it("dormancy of a system whose sign-ins were not read is partial, not clean", () => {
    const roles = pl.DataFrame({
      userLogin: ["ann"],
      firstName: ["Ann"],
      lastName: ["A"],
      email: ["ann@example.com"],
      role: ["Service Administrator"],
      grantedThrough: ["Direct"],
    });
    const rules: Rule[] = [{ id: "d", kind: "dormant-privileged", severity: "high", days: 30 }];
    const window = { from: "2026-10-01T00:00:00Z", to: "2026-11-08T00:00:00Z" };
    const result = findings(
      { rights: accessRights({ epmRoleAssignments: roles }), anaplanEvents: EVENTS },
      rules,
      {
        window,
      },
    );
    assert.equal(result.findings.height, 0);
    assert.deepEqual(result.ran, ["d"]);
    assert.deepEqual(result.partial, [
      {
        ruleId: "d",
        reason: "could not judge the privileged holders of epm: no sign-ins were read there (epmUserLogins)",
      },
    ]);
  });
});
