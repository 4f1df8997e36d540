import { describe, it } from "node:test";
import { assertFrame, eventsFrame } from "../../test/frames-support.js";
import { activityByDay } from "./activity-by-day.js";

const events = eventsFrame([
  { id: "1", eventTypeId: "USR-8", userId: "u1", eventDate: "2026-11-01T08:00:00Z" },
  { id: "2", eventTypeId: "USR-9", userId: "u2", success: false, eventDate: "2026-11-01T09:00:00Z" },
  { id: "3", eventTypeId: "USR-8", userId: "u2", eventDate: "2026-11-01T23:59:59Z" },
  { id: "4", eventTypeId: "USR-8", userId: "u1", eventDate: "2026-11-02T00:00:00Z" },
  { id: "5", eventTypeId: "MOD-1", userId: null, eventDate: "2026-11-03T12:00:00Z" },
]);

describe("activityByDay", () => {
  it("counts events, distinct users and failures per UTC day", () => {
    assertFrame(
      activityByDay(events),
      {
        day: ["2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z", "2026-11-03T00:00:00.000Z"],
        events: [3, 1, 1],
        users: [2, 1, 0],
        failures: [1, 0, 0],
      },
      { day: "Date", events: "UInt32", users: "UInt32", failures: "UInt32" },
    );
  });

  it("splits by event type, sorted by day then type", () => {
    assertFrame(activityByDay(events, { by: "eventTypeId" }), {
      day: [
        "2026-11-01T00:00:00.000Z",
        "2026-11-01T00:00:00.000Z",
        "2026-11-02T00:00:00.000Z",
        "2026-11-03T00:00:00.000Z",
      ],
      eventTypeId: ["USR-8", "USR-9", "USR-8", "MOD-1"],
      events: [2, 1, 1, 1],
      users: [2, 1, 1, 0],
      failures: [0, 1, 0, 0],
    });
  });

  it("keeps only the window [from, to) and splits by user", () => {
    assertFrame(
      activityByDay(events, {
        by: ["userId"],
        window: { from: "2026-11-01T09:00:00Z", to: "2026-11-02T00:00:00Z" },
      }),
      {
        day: ["2026-11-01T00:00:00.000Z"],
        userId: ["u2"],
        events: [2],
        users: [1],
        failures: [1],
      },
    );
  });

  it("gives a zero-row frame with the same columns when nothing matches", () => {
    assertFrame(activityByDay(events, { window: { from: "2027-01-01", to: "2027-02-01" } }), {
      day: [],
      events: [],
      users: [],
      failures: [],
    });
  });
});
