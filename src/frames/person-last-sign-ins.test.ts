import { test } from "node:test";
import pl from "nodejs-polars";
import { assertFrame, eventsFrame, utc } from "../../test/frames-support.js";
import { PERSON_ACCOUNT_SCHEMA } from "./person-accounts.js";
import { personLastSignIns } from "./person-last-sign-ins.js";

const anaplanEvents = eventsFrame([
  { id: "1", eventTypeId: "USR-8", userId: "u1", eventDate: "2026-11-02T08:00:00Z" },
  { id: "2", eventTypeId: "USR-8", userId: "u1", eventDate: "2026-11-05T08:00:00Z" },
  { id: "3", eventTypeId: "USR-8", userId: "u2", eventDate: "2026-11-06T08:00:00Z", success: false },
  { id: "4", eventTypeId: "USR-8", userId: "gone", eventDate: "2026-11-03T08:00:00Z" },
  { id: "5", eventTypeId: "USR-9", userId: "u2", eventDate: "2026-11-07T08:00:00Z" },
]);
const anaplanUsers = pl.DataFrame({ id: ["u1", "u2"], email: [" Ann@X.com", "bob@x.com"] });
const epmUserLogins = pl.DataFrame([
  pl.Series("userLogin", ["ann@x.com", "CY", "cy", "zed"]),
  utc("accessDateAndTime", [
    "2026-11-09T10:00:00Z",
    "2026-11-04T10:00:00Z",
    "2026-11-01T10:00:00Z",
    "2026-11-08T10:00:00Z",
  ]),
]);
const accounts = pl.DataFrame(
  [{ person: "cy@x.com", system: "epm", source: "epm", accountId: "cy", login: "cy", email: "cy@x.com" }],
  { schema: PERSON_ACCOUNT_SCHEMA },
);

test("personLastSignIns: last successful sign-in per person and system, keyed by the person key", () => {
  assertFrame(
    personLastSignIns({ anaplanEvents, anaplanUsers, epmUserLogins, accounts }),
    {
      person: ["ann@x.com", "cy@x.com", "gone", "zed"],
      anaplanLastSignIn: ["2026-11-05T08:00:00.000Z", null, "2026-11-03T08:00:00.000Z", null],
      epmLastSignIn: [
        "2026-11-09T10:00:00.000Z",
        "2026-11-04T10:00:00.000Z",
        null,
        "2026-11-08T10:00:00.000Z",
      ],
      lastSignIn: [
        "2026-11-09T10:00:00.000Z",
        "2026-11-04T10:00:00.000Z",
        "2026-11-03T08:00:00.000Z",
        "2026-11-08T10:00:00.000Z",
      ],
    },
    { lastSignIn: "Datetime(ms,UTC)", anaplanLastSignIn: "Datetime(ms,UTC)" },
  );
});

test("personLastSignIns: no evidence gives a zero-row frame with the columns", () => {
  assertFrame(personLastSignIns({}), {
    person: [],
    anaplanLastSignIn: [],
    epmLastSignIn: [],
    lastSignIn: [],
  });
});
