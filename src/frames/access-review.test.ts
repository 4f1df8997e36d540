import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { assertFrame, eventsFrame, usersFrame, utc } from "../../test/frames-support.js";
import { accessReview } from "./access-review.js";

const anaplanUsers = usersFrame([
  {
    id: "u1",
    email: "ada@example.com",
    firstName: "Ada",
    lastName: "Okafor",
    lastLoginDate: "2026-11-20T08:00:00Z",
  },
  { id: "u2", email: "ben@example.com", firstName: "Ben", lastName: "Patel" },
  {
    id: "u3",
    email: "Cy@Example.com",
    firstName: "Cy",
    lastName: "Moreau",
    active: false,
    lastLoginDate: "2026-11-03T07:00:00Z",
  },
]);
// Sign-in events: Ada's agrees with her lastLoginDate (the October one is outside the window);
// Ben signs in although the users API says never; Cy signs in although deactivated.
const anaplanEvents = eventsFrame([
  { id: "1", eventTypeId: "USR-8", userId: "u1", eventDate: "2026-10-01T08:00:00Z" },
  { id: "2", eventTypeId: "USR-8", userId: "u1", eventDate: "2026-11-20T08:00:00Z" },
  { id: "3", eventTypeId: "USR-9", userId: "u1", success: false, eventDate: "2026-11-21T08:00:00Z" },
  { id: "4", eventTypeId: "USR-8", userId: "u2", eventDate: "2026-11-05T10:00:00Z" },
  { id: "5", eventTypeId: "USR-8", userId: "u3", eventDate: "2026-11-03T07:00:00Z" },
]);
// User Group report: several rows per login; logins in other case, with spaces, or without "@"
const userGroups = pl.DataFrame([
  pl.Series("userLogin", [" Ada@Example.com", " Ada@Example.com", "cmoreau", "kjensen"]),
  pl.Series("firstName", ["Ada", "Ada", "Cy", "Kim"]),
  pl.Series("lastName", ["Okafor", "Okafor", "Moreau", "Jensen"]),
  pl.Series("email", ["ada@example.com", "ada@example.com", " CY@example.com", "kim@example.com"]),
  pl.Series("direct", [true, false, true, true]),
  pl.Series("group", ["Planners", "Viewers", "Planners", "Admins"]),
]);
const anaplanChanges = pl.DataFrame([
  utc("eventDate", ["2026-11-10T00:00:00Z", "2026-10-01T00:00:00Z"]),
  pl.Series("targetEmail", ["ADA@example.com", "ben@example.com"]),
]);
const epmChanges = pl.DataFrame([
  utc("dateAndTime", ["2026-11-11T00:00:00Z", "2026-11-12T00:00:00Z", "2026-11-12T00:00:00Z"]),
  pl.Series("member", ["ada@example.com ", "CMOREAU", "Planners"]),
  pl.Series("memberType", ["User", "User", "EPM Group"]),
]);
const epmLogins = pl.DataFrame([
  pl.Series("userLogin", ["cmoreau", "kjensen", "kjensen"]),
  pl.Series("ipAddress", ["10.0.0.1", "10.0.0.2", "10.0.0.2"]),
  utc("accessDateAndTime", ["2026-11-15T09:00:00Z", "2026-11-02T09:00:00Z", "2026-11-16T09:00:00Z"]),
]);
const window = { from: "2026-11-01", to: "2026-12-01" };

describe("accessReview", () => {
  it("matches people across systems by normalised e-mail/login and says what needs explaining", () => {
    assertFrame(
      accessReview(anaplanUsers, userGroups, {
        anaplanEvents,
        anaplanChanges,
        epmChanges,
        epmLogins,
        window,
      }),
      {
        person: ["ada@example.com", "ben@example.com", "cy@example.com", "kim@example.com"],
        name: ["Ada Okafor", "Ben Patel", "Cy Moreau", "Kim Jensen"],
        anaplanUserId: ["u1", "u2", "u3", null],
        epmLogin: ["Ada@Example.com", null, "cmoreau", "kjensen"],
        anaplanActive: [true, true, false, null],
        epmActive: [true, null, true, true],
        anaplanLastSignIn: [
          "2026-11-20T08:00:00.000Z",
          "2026-11-05T10:00:00.000Z",
          "2026-11-03T07:00:00.000Z",
          null,
        ],
        anaplanLastLoginDate: ["2026-11-20T08:00:00.000Z", null, "2026-11-03T07:00:00.000Z", null],
        epmLastSignIn: [null, null, "2026-11-15T09:00:00.000Z", "2026-11-16T09:00:00.000Z"],
        anaplanChanges: [1, 0, 0, 0],
        epmChanges: [1, 0, 1, 0],
        onlyInAnaplan: [false, true, false, false],
        onlyInEpm: [false, false, false, true],
        activeMismatch: [false, false, true, false],
        changedInBoth: [true, false, false, false],
        signedInWhileInactive: [false, false, true, false],
        signInMismatch: [false, true, false, false],
        finding: [
          "access changed in both",
          "only in Anaplan; last sign-in: events and users API disagree",
          "active in one system, inactive in the other; signed in although deactivated in Anaplan",
          "only in EPM",
        ],
      },
      { anaplanChanges: "UInt32", epmLastSignIn: "Datetime(ms,UTC)", anaplanLastSignIn: "Datetime(ms,UTC)" },
    );
  });

  it("counts changes only inside the window", () => {
    const review = accessReview(anaplanUsers, userGroups, {
      anaplanChanges,
      epmChanges,
      window: { from: "2026-09-01", to: "2026-11-11" },
    });
    assert.deepEqual(review.getColumn("anaplanChanges").toArray(), [1, 1, 0, 0]);
    assert.deepEqual(review.getColumn("epmChanges").toArray(), [0, 0, 0, 0]);
    assert.deepEqual(review.getColumn("changedInBoth").toArray(), [false, false, false, false]);
  });

  it("uses an EPM active column when there is one, and a login without e-mail column as is", () => {
    const epm = pl.DataFrame([
      pl.Series("userLogin", ["ada@example.com", "ben"]),
      pl.Series("active", [false, true]),
    ]);
    const review = accessReview(anaplanUsers, epm);
    assert.deepEqual(review.getColumn("person").toArray(), [
      "ada@example.com",
      "ben",
      "ben@example.com",
      "cy@example.com",
    ]);
    assert.deepEqual(review.getColumn("finding").toArray(), [
      "active in one system, inactive in the other",
      "only in EPM",
      "only in Anaplan",
      "only in Anaplan",
    ]);
    assert.deepEqual(review.getColumn("epmLastSignIn").toArray(), [null, null, null, null]);
  });

  it("without events: no Anaplan last sign-in and no sign-in flags, the API's lastLoginDate beside", () => {
    const review = accessReview(anaplanUsers, userGroups, { window });
    assert.deepEqual(review.getColumn("anaplanLastSignIn").toArray(), [null, null, null, null]);
    assert.deepEqual(
      (review.getColumn("anaplanLastLoginDate").toArray() as unknown as Array<Date | null>).map(
        (d) => d?.toISOString() ?? null,
      ),
      ["2026-11-20T08:00:00.000Z", null, "2026-11-03T07:00:00.000Z", null],
    );
    assert.deepEqual(review.getColumn("signedInWhileInactive").toArray(), [false, false, false, false]);
    assert.deepEqual(review.getColumn("signInMismatch").toArray(), [false, false, false, false]);
  });

  it("compares sign-ins only over the part of the window the events cover", () => {
    const review = accessReview(anaplanUsers, userGroups, {
      anaplanEvents,
      window,
      anaplanEventsWindow: { from: "2026-11-04", to: "2026-12-01" },
    });
    assert.deepEqual(review.getColumn("signedInWhileInactive").toArray(), [false, false, false, false]);
    assert.deepEqual(review.getColumn("signInMismatch").toArray(), [false, true, false, false]);
  });
});
