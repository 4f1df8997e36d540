import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { assertFrame, eventsFrame } from "../../test/frames-support.js";
import { privilegedEvents } from "./privileged-events.js";
import { withEventNames } from "./with-event-names.js";

const events = eventsFrame([
  { id: "1", eventTypeId: "USR-8", userId: "u1", eventDate: "2026-11-01T08:00:00Z" },
  { id: "2", eventTypeId: "AUTHZ-3", userId: "u2", eventDate: "2026-11-01T09:00:00Z" },
  { id: "3", eventTypeId: "MOD-1", userId: "u3", eventDate: "2026-11-01T10:00:00Z" },
  { id: "4", eventTypeId: "USR-13", userId: "u1", eventDate: "2026-11-01T11:00:00Z" },
  { id: "5", eventTypeId: "AUTHZ-4", userId: "u2", eventDate: "2026-11-01T12:00:00Z" },
  { id: "6", eventTypeId: "USR-4", userId: "u2", eventDate: "2026-11-01T13:00:00Z" },
]);

describe("withEventNames", () => {
  it("adds name, category and privileged right after eventTypeId, keeping rows and order", () => {
    const named = withEventNames(events);
    const cols = events.columns;
    const at = cols.indexOf("eventTypeId") + 1;
    assert.deepEqual(named.columns, [
      ...cols.slice(0, at),
      "eventName",
      "eventCategory",
      "privileged",
      ...cols.slice(at),
    ]);
    assertFrame(named.select("id", "eventTypeId", "eventName", "eventCategory", "privileged"), {
      id: ["1", "2", "3", "4", "5", "6"],
      eventTypeId: ["USR-8", "AUTHZ-3", "MOD-1", "USR-13", "AUTHZ-4", "USR-4"],
      eventName: [
        "User login success",
        "Role assigned",
        "(unknown event code)",
        "User access to model, success",
        "Role assignment denied",
        "User disabled",
      ],
      eventCategory: [
        "user_activity",
        "access_control",
        null,
        "user_activity",
        "access_control",
        "user_activity",
      ],
      privileged: [false, true, null, false, false, true],
    });
    assert.equal(named.getColumn("privileged").dtype.variant, "Bool");
  });

  it("works on a zero-row frame and on a frame that already has the columns", () => {
    const empty = withEventNames(events.head(0));
    assert.equal(empty.height, 0);
    assert.equal(empty.getColumn("eventName").dtype.variant, "String");
    const twice = withEventNames(withEventNames(events));
    assert.deepEqual(twice.columns, withEventNames(events).columns);
  });
});

describe("privilegedEvents", () => {
  it("keeps only codes that change who can access what (not denied attempts)", () => {
    assert.deepEqual(privilegedEvents(events).getColumn("id").toArray(), ["2", "6"]);
    const frame = pl.DataFrame({ eventTypeId: ["USR-9", "CONN-1"] });
    assert.deepEqual(privilegedEvents(frame).getColumn("eventTypeId").toArray(), ["CONN-1"]);
  });
});
