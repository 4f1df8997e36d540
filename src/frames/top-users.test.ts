import { describe, it } from "node:test";
import { assertFrame, modelEvents, usersFrame } from "../../test/frames-support.js";
import { topUsers } from "./top-users.js";

const events = modelEvents();

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
