import { describe, it } from "node:test";
import { assertFrame, eventsFrame, usersFrame } from "../../test/frames-support.js";
import { deactivatedSignIns } from "./deactivated-sign-ins.js";
import { lastSignIns } from "./last-sign-ins.js";
import { SIGN_IN_DISAGREEMENTS, signInDisagreements } from "./sign-in-disagreements.js";

const window = { from: "2026-11-01", to: "2026-12-01" };
const users = usersFrame([
  // agrees exactly
  { id: "u1", email: "a@x.com", firstName: "Ada", lastName: "O", lastLoginDate: "2026-11-20T08:00:00Z" },
  // sign-in events, API says never
  { id: "u2", email: "b@x.com", firstName: "Ben", lastName: "P" },
  // API older than the last sign-in event (beyond the 5-minute tolerance)
  { id: "u3", email: "c@x.com", lastLoginDate: "2026-11-02T08:00:00Z" },
  // API date in the window, no event then
  { id: "u4", email: "d@x.com", lastLoginDate: "2026-11-10T08:00:00Z" },
  // within tolerance: agrees
  { id: "u5", email: "e@x.com", lastLoginDate: "2026-11-11T08:04:00Z" },
  // API date after the window: cannot be checked, not listed; API before the window, no event: agrees
  { id: "u6", email: "f@x.com", lastLoginDate: "2026-12-05T08:00:00Z" },
  { id: "u7", email: "g@x.com", lastLoginDate: "2026-10-05T08:00:00Z", active: false },
  // deactivated, signed in
  {
    id: "u8",
    email: "h@x.com",
    firstName: "Hal",
    lastName: "Q",
    active: false,
    lastLoginDate: "2026-11-15T09:00:00Z",
  },
]);
const events = eventsFrame([
  { id: "1", eventTypeId: "USR-8", userId: "u1", eventDate: "2026-11-20T08:00:00Z" },
  { id: "2", eventTypeId: "USR-8", userId: "u2", eventDate: "2026-11-03T08:00:00Z" },
  { id: "3", eventTypeId: "USR-8", userId: "u3", eventDate: "2026-11-04T08:00:00Z" },
  { id: "4", eventTypeId: "USR-8", userId: "u5", eventDate: "2026-11-11T08:00:00Z" },
  { id: "5", eventTypeId: "USR-9", userId: "u4", success: false, eventDate: "2026-11-10T08:00:00Z" },
  { id: "6", eventTypeId: "USR-8", userId: "u7", eventDate: "2026-10-05T08:00:00Z" },
  { id: "7", eventTypeId: "USR-8", userId: "u8", eventDate: "2026-11-14T09:00:00Z" },
  { id: "8", eventTypeId: "USR-8", userId: "u8", eventDate: "2026-11-15T09:00:00Z" },
  { id: "9", eventTypeId: "USR-8", userId: null, eventDate: "2026-11-15T09:00:00Z" },
]);

describe("lastSignIns", () => {
  it("per user: the last successful USR-8 in the window and how many", () => {
    assertFrame(
      lastSignIns(events, { window }),
      {
        userId: ["u1", "u2", "u3", "u5", "u8"],
        lastSignIn: [
          "2026-11-20T08:00:00.000Z",
          "2026-11-03T08:00:00.000Z",
          "2026-11-04T08:00:00.000Z",
          "2026-11-11T08:00:00.000Z",
          "2026-11-15T09:00:00.000Z",
        ],
        signIns: [1, 1, 1, 1, 2],
      },
      { lastSignIn: "Datetime(ms,UTC)", signIns: "UInt32" },
    );
    assertFrame(lastSignIns(events.head(0)), { userId: [], lastSignIn: [], signIns: [] });
  });
});

describe("signInDisagreements", () => {
  it("lists exactly the users whose events and lastLoginDate disagree, saying how", () => {
    assertFrame(signInDisagreements(users, events, { window }), {
      userId: ["u2", "u3", "u4"],
      email: ["b@x.com", "c@x.com", "d@x.com"],
      name: ["Ben P", null, null],
      active: [true, true, true],
      lastSignIn: ["2026-11-03T08:00:00.000Z", "2026-11-04T08:00:00.000Z", null],
      lastLoginDate: [null, "2026-11-02T08:00:00.000Z", "2026-11-10T08:00:00.000Z"],
      disagreement: [
        SIGN_IN_DISAGREEMENTS.apiNever,
        SIGN_IN_DISAGREEMENTS.apiOlder,
        SIGN_IN_DISAGREEMENTS.eventsMissing,
      ],
    });
  });

  it("a zero tolerance lists a 4-minute difference too", () => {
    const strict = signInDisagreements(users, events, { window, toleranceMs: 0 });
    assertFrame(strict.select("userId", "disagreement"), {
      userId: ["u2", "u3", "u4", "u5"],
      disagreement: [
        SIGN_IN_DISAGREEMENTS.apiNever,
        SIGN_IN_DISAGREEMENTS.apiOlder,
        SIGN_IN_DISAGREEMENTS.eventsMissing,
        SIGN_IN_DISAGREEMENTS.eventsMissing,
      ],
    });
  });
});

describe("deactivatedSignIns", () => {
  it("deactivated users with a successful sign-in event in the window", () => {
    assertFrame(deactivatedSignIns(users, events, { window }), {
      userId: ["u8"],
      email: ["h@x.com"],
      firstName: ["Hal"],
      lastName: ["Q"],
      lastSignIn: ["2026-11-15T09:00:00.000Z"],
      signIns: [2],
    });
    assertFrame(deactivatedSignIns(users, events).select("userId"), { userId: ["u7", "u8"] });
  });
});
