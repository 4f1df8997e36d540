import { describe, it } from "node:test";
import { assertFrame, eventsFrame, usersFrame } from "../../test/frames-support.js";
import { topUsers } from "./top-users.js";

const events = eventsFrame([
  { id: "1", eventTypeId: "USR-8", userId: "u1", eventDate: "2026-11-01T08:00:00Z" },
  { id: "2", eventTypeId: "USR-9", userId: "u1", success: false, eventDate: "2026-11-01T09:00:00Z" },
  {
    id: "3",
    eventTypeId: "MOD-1",
    userId: "u1",
    objectId: "m1",
    objectTypeId: "MODEL",
    eventDate: "2026-11-02T09:00:00Z",
  },
  {
    id: "4",
    eventTypeId: "MOD-1",
    userId: "u2",
    objectId: "m1",
    objectTypeId: "MODEL",
    eventDate: "2026-11-01T10:00:00Z",
  },
  {
    id: "5",
    eventTypeId: "MOD-1",
    userId: "u3",
    objectId: "m2",
    objectTypeId: "MODEL",
    eventDate: "2026-11-01T10:00:00Z",
  },
  {
    id: "6",
    eventTypeId: "MOD-1",
    userId: null,
    objectId: "m2",
    objectTypeId: "MODEL",
    eventDate: "2026-11-03T10:00:00Z",
  },
]);

describe("topUsers", () => {
  it("ranks users by events, ties by userId, ignoring events without a user", () => {
    assertFrame(topUsers(events, { n: 2 }), {
      userId: ["u1", "u2"],
      events: [3, 1],
      failures: [1, 0],
      eventTypes: [3, 1],
      lastEvent: ["2026-11-02T09:00:00.000Z", "2026-11-01T10:00:00.000Z"],
    });
  });

  it("carries names from withUsers and filters by event type", () => {
    const joined = events.join(
      usersFrame([{ id: "u1", email: "ada@example.com", firstName: "Ada", lastName: "Okafor" }]).select(
        "id",
        "firstName",
        "lastName",
        "email",
      ),
      { leftOn: "userId", rightOn: "id", how: "left" },
    );
    assertFrame(topUsers(joined, { eventTypeIds: ["USR-9"] }), {
      userId: ["u1"],
      firstName: ["Ada"],
      lastName: ["Okafor"],
      email: ["ada@example.com"],
      events: [1],
      failures: [1],
      eventTypes: [1],
      lastEvent: ["2026-11-01T09:00:00.000Z"],
    });
  });
});
