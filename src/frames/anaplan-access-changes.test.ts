import { describe, it } from "node:test";
import { assertFrame, eventsFrame, usersFrame } from "../../test/frames-support.js";
import { anaplanAccessChanges } from "./anaplan-access-changes.js";

const users = usersFrame([
  { id: "u1", email: "ada@example.com", firstName: "Ada", lastName: "Okafor" },
  { id: "u2", email: "ben@example.com", firstName: "Ben", lastName: "Patel" },
]);
const role = (id: string, name: string) => JSON.stringify({ roleId: id, roleName: name });
const events = eventsFrame([
  {
    id: "3",
    eventTypeId: "AUTHZ-6",
    userId: "u2",
    objectId: "u2",
    eventDate: "2026-11-02T10:00:00Z",
    additionalAttributes: role("r1", "Full Access"),
  },
  {
    id: "1",
    eventTypeId: "AUTHZ-3",
    userId: "u1",
    objectId: "u2",
    eventDate: "2026-11-01T09:00:00Z",
    additionalAttributes: role("r1", "Full Access"),
  },
  { id: "2", eventTypeId: "USR-8", userId: "u1", eventDate: "2026-11-01T09:30:00Z" },
  {
    id: "4",
    eventTypeId: "AUTHZ-3",
    userId: "INTERNAL_7",
    objectId: "gone",
    eventDate: "2026-11-03T10:00:00Z",
    additionalAttributes: null,
  },
  {
    id: "5",
    eventTypeId: "AUTHZ-4",
    userId: "u1",
    objectId: "u2",
    success: false,
    eventDate: "2026-11-03T11:00:00Z",
  },
]);

describe("anaplanAccessChanges", () => {
  it("lists AUTHZ role assignments and removals with both users resolved", () => {
    assertFrame(
      anaplanAccessChanges(events, users),
      {
        eventDate: ["2026-11-01T09:00:00.000Z", "2026-11-02T10:00:00.000Z", "2026-11-03T10:00:00.000Z"],
        action: ["assigned", "unassigned", "assigned"],
        roleName: ["Full Access", "Full Access", null],
        roleId: ["r1", "r1", null],
        targetUserId: ["u2", "u2", "gone"],
        targetEmail: ["ben@example.com", "ben@example.com", null],
        targetName: ["Ben Patel", "Ben Patel", null],
        performedById: ["u1", "u2", "INTERNAL_7"],
        performedByEmail: ["ada@example.com", "ben@example.com", null],
        selfAssigned: [false, true, false],
        success: [true, true, true],
      },
      { eventDate: "Datetime(ms,UTC)", selfAssigned: "Bool" },
    );
  });

  it("keeps only the window", () => {
    const df = anaplanAccessChanges(events, users, { window: { from: "2026-11-02", to: "2026-11-03" } });
    assertFrame(df.select("eventDate", "action", "targetUserId"), {
      eventDate: ["2026-11-02T10:00:00.000Z"],
      action: ["unassigned"],
      targetUserId: ["u2"],
    });
  });
});
