import { test } from "node:test";
import pl from "nodejs-polars";
import { assertFrame, utc } from "../../test/frames-support.js";
import { dormantPrivileged } from "./dormant-privileged.js";

const holders = pl.DataFrame({
  person: ["ann@x.com", "ann@x.com", "bob@x.com", "cy@x.com", "dee@x.com", "ann@x.com"],
  system: ["anaplan", "anaplan", "anaplan", "epm", "epm", "epm"],
  scopeId: [null, "w1", "w1", null, null, null],
  scopeName: [null, "Finance", "Finance", null, null, null],
  right: [
    "Tenant Admin",
    "Workspace Administrator",
    "Workspace Administrator",
    "Service Administrator",
    "Service Administrator",
    "Service Administrator",
  ],
});
const signIns = pl.DataFrame([
  pl.Series("person", ["ann@x.com", "bob@x.com", "dee@x.com"]),
  // ann: Anaplan 100 days before asOf (dormant), EPM never; bob: 89 days (active); dee: EPM exactly 90 days (dormant)
  utc("anaplanLastSignIn", ["2026-08-23T00:00:00Z", "2026-09-02T12:00:00Z", null]),
  utc("epmLastSignIn", [null, null, "2026-09-02T00:00:00Z"]),
  utc("lastSignIn", ["2026-08-23T00:00:00Z", "2026-09-02T12:00:00Z", "2026-09-02T00:00:00Z"]),
]);

test("dormantPrivileged: no sign-in in that system for N days, or never seen, labelled", () => {
  assertFrame(
    dormantPrivileged(holders, signIns, { asOf: "2026-12-01", days: 90 }),
    {
      person: ["ann@x.com", "dee@x.com", "ann@x.com", "cy@x.com"],
      system: ["anaplan", "epm", "epm", "epm"],
      privileges: [
        "Tenant Admin; Workspace Administrator @ Finance",
        "Service Administrator",
        "Service Administrator",
        "Service Administrator",
      ],
      lastSignIn: ["2026-08-23T00:00:00.000Z", "2026-09-02T00:00:00.000Z", null, null],
      daysSinceSignIn: [100, 90, null, null],
      status: ["dormant", "dormant", "never seen", "never seen"],
    },
    { lastSignIn: "Datetime(ms,UTC)", daysSinceSignIn: "Int64" },
  );
});

test("dormantPrivileged: no holders gives a zero-row frame with the columns", () => {
  assertFrame(dormantPrivileged(holders.head(0), signIns, { asOf: "2026-12-01", days: 90 }), {
    person: [],
    system: [],
    privileges: [],
    lastSignIn: [],
    daysSinceSignIn: [],
    status: [],
  });
});
