import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { assertFrame, eventsFrame, usersFrame } from "../../test/frames-support.js";
import { withUsers } from "./with-users.js";

const events = eventsFrame([
  { id: "10", eventTypeId: "USR-8", userId: "u2", eventDate: "2026-11-01T08:00:00Z" },
  { id: "11", eventTypeId: "USR-9", userId: "INTERNAL_7", eventDate: "2026-11-01T08:01:00Z" },
  { id: "12", eventTypeId: "USR-8", userId: "u1", eventDate: "2026-11-01T08:02:00Z" },
  { id: "13", eventTypeId: "USR-29", userId: "deleted9", eventDate: "2026-11-01T08:03:00Z" },
  { id: "14", eventTypeId: "USR-8", userId: null, eventDate: "2026-11-01T08:04:00Z" },
  { id: "15", eventTypeId: "USR-10", userId: "u2", eventDate: "2026-11-01T08:05:00Z" },
]);
const users = usersFrame([
  { id: "u1", email: "ada@example.com", firstName: "Ada", lastName: "Okafor" },
  { id: "u2", email: "ben@example.com", firstName: "Ben", lastName: "Ito", active: false },
  { id: "u3", email: "cy@example.com", firstName: "Cy", lastName: "Unused" },
]);

describe("withUsers", () => {
  it("keeps every event row in order and adds firstName, lastName, email (null where no user)", () => {
    const joined = withUsers(events, users);
    assert.deepEqual(joined.columns, [...events.columns, "firstName", "lastName", "email"]);
    const picked = joined.select("id", "userId", "firstName", "lastName", "email");
    assertFrame(picked, {
      id: ["10", "11", "12", "13", "14", "15"],
      userId: ["u2", "INTERNAL_7", "u1", "deleted9", null, "u2"],
      firstName: ["Ben", null, "Ada", null, null, "Ben"],
      lastName: ["Ito", null, "Okafor", null, null, "Ito"],
      email: ["ben@example.com", null, "ada@example.com", null, null, "ben@example.com"],
    });
    assert.equal(String(joined.getColumn("eventDate").dtype), "DataType(Datetime(ms,UTC))");
  });

  it("never multiplies rows when users lists an id twice (first row wins)", () => {
    const doubled = pl.concat([
      users,
      usersFrame([{ id: "u1", email: "other@example.com", firstName: "Other", lastName: "Row" }]),
    ]);
    const joined = withUsers(events, doubled);
    assert.equal(joined.height, 6);
    assert.deepEqual(joined.getColumn("email").toArray(), [
      "ben@example.com",
      null,
      "ada@example.com",
      null,
      null,
      "ben@example.com",
    ]);
  });

  it("replaces name columns already present instead of suffixing them", () => {
    const twice = withUsers(withUsers(events, users), users);
    assert.deepEqual(twice.columns, [...events.columns, "firstName", "lastName", "email"]);
    assert.equal(twice.height, 6);
  });

  it("returns a zero-row frame with the full schema for no events, and all-null names for no users", () => {
    const none = withUsers(events.head(0), users);
    assert.equal(none.height, 0);
    assert.deepEqual(none.columns, [...events.columns, "firstName", "lastName", "email"]);
    const noUsers = withUsers(events, users.head(0));
    assert.equal(noUsers.height, 6);
    assert.deepEqual(noUsers.getColumn("firstName").toArray(), [null, null, null, null, null, null]);
    assert.equal(String(noUsers.getColumn("email").dtype), "DataType(String)");
  });
});
