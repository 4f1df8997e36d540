import { describe, it } from "node:test";
import { assertFrame, eventsFrame } from "../../test/frames-support.js";
import { topObjects } from "./top-objects.js";

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

describe("topObjects", () => {
  it("ranks objects by events and counts distinct known users", () => {
    assertFrame(topObjects(events), {
      objectId: ["m1", "m2"],
      objectTypeId: ["MODEL", "MODEL"],
      events: [2, 2],
      users: [2, 1],
      lastEvent: ["2026-11-02T09:00:00.000Z", "2026-11-03T10:00:00.000Z"],
    });
  });

  it("respects the window", () => {
    assertFrame(topObjects(events, { window: { from: "2026-11-03", to: "2026-11-04" } }), {
      objectId: ["m2"],
      objectTypeId: ["MODEL"],
      events: [1],
      users: [0],
      lastEvent: ["2026-11-03T10:00:00.000Z"],
    });
  });
});
