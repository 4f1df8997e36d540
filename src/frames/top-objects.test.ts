import { describe, it } from "node:test";
import { assertFrame, modelEvents } from "../../test/frames-support.js";
import { topObjects } from "./top-objects.js";

const events = modelEvents();

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
