import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertFrame, eventsFrame, usersFrame } from "../../test/frames-support.js";
import { inactiveUsers } from "./inactive-users.js";

const users = usersFrame([
  {
    id: "u1",
    email: "ada@example.com",
    firstName: "Ada",
    lastName: "Okafor",
    lastLoginDate: "2026-09-01T10:00:00Z",
  },
  {
    id: "u2",
    email: "ben@example.com",
    firstName: "Ben",
    lastName: "Patel",
    lastLoginDate: "2026-09-01T10:00:00Z",
  },
  { id: "u3", email: "cy@example.com", firstName: "Cy", lastName: "Moreau", lastLoginDate: null },
  {
    id: "u4",
    email: "dee@example.com",
    firstName: "Dee",
    lastName: "Kim",
    active: false,
    lastLoginDate: null,
  },
  {
    id: "u5",
    email: "eve@example.com",
    firstName: "Eve",
    lastName: "Rossi",
    lastLoginDate: "2026-11-25T00:00:00Z",
  },
  {
    id: "u6",
    email: "fay@example.com",
    firstName: "Fay",
    lastName: "Nguyen",
    lastLoginDate: "2026-12-05T00:00:00Z",
  },
]);
const events = eventsFrame([
  // u2 signed in recently according to the events even though lastLoginDate is old
  { id: "1", eventTypeId: "USR-8", userId: "u2", eventDate: "2026-11-20T09:00:00Z" },
  // a failure does not count as a sign-in
  { id: "2", eventTypeId: "USR-9", userId: "u1", success: false, eventDate: "2026-11-28T09:00:00Z" },
  // after asOf: ignored
  { id: "3", eventTypeId: "USR-8", userId: "u3", eventDate: "2026-12-02T09:00:00Z" },
]);

describe("inactiveUsers", () => {
  it("lists active accounts without a sign-in for N days as of a given instant", () => {
    assertFrame(
      inactiveUsers(users, events, { asOf: "2026-12-01T00:00:00Z", days: 30 }),
      {
        id: ["u3", "u6", "u1"],
        email: ["cy@example.com", "fay@example.com", "ada@example.com"],
        firstName: ["Cy", "Fay", "Ada"],
        lastName: ["Moreau", "Nguyen", "Okafor"],
        lastSignIn: [null, null, "2026-09-01T10:00:00.000Z"],
        daysSinceSignIn: [null, null, 90],
      },
      { lastSignIn: "Datetime(ms,UTC)", daysSinceSignIn: "Int32" },
    );
  });

  it("uses the later of lastLoginDate and sign-in events", () => {
    const result = inactiveUsers(users, events, { asOf: "2026-12-01T00:00:00Z", days: 5 });
    assert.deepEqual(result.getColumn("id").toArray(), ["u3", "u6", "u1", "u2", "u5"]);
    assert.deepEqual(result.getColumn("daysSinceSignIn").toArray(), [null, null, 90, 10, 6]);
  });
});
