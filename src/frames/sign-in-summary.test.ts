import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { assertFrame, eventsFrame } from "../../test/frames-support.js";
import { signInSummary } from "./sign-in-summary.js";

const events = eventsFrame([
  {
    id: "1",
    eventTypeId: "USR-9",
    userId: "u1",
    success: false,
    ipAddress: "10.0.0.1",
    eventDate: "2026-11-01T07:59:00Z",
  },
  { id: "2", eventTypeId: "USR-8", userId: "u1", ipAddress: "10.0.0.1", eventDate: "2026-11-01T08:00:00Z" },
  { id: "3", eventTypeId: "USR-8", userId: "u1", ipAddress: "192.0.2.7", eventDate: "2026-11-02T08:00:00Z" },
  {
    id: "4",
    eventTypeId: "USR-9",
    userId: "u2",
    success: false,
    ipAddress: "198.51.100.1",
    eventDate: "2026-11-01T07:00:00Z",
  },
  {
    id: "5",
    eventTypeId: "USR-9",
    userId: "u2",
    success: false,
    ipAddress: "198.51.100.1",
    eventDate: "2026-11-02T07:00:00Z",
  },
  { id: "6", eventTypeId: "MOD-1", userId: "u3", ipAddress: "10.9.9.9", eventDate: "2026-11-02T07:00:00Z" },
]);

describe("signInSummary", () => {
  it("summarises successes, failures, addresses and first/last sign-in per user", () => {
    assertFrame(
      signInSummary(events),
      {
        userId: ["u2", "u1"],
        successes: [0, 2],
        failures: [2, 1],
        distinctIps: [1, 2],
        firstSignIn: [null, "2026-11-01T08:00:00.000Z"],
        lastSignIn: [null, "2026-11-02T08:00:00.000Z"],
        lastFailure: ["2026-11-02T07:00:00.000Z", "2026-11-01T07:59:00.000Z"],
      },
      { successes: "UInt32", firstSignIn: "Datetime(ms,UTC)" },
    );
  });

  it("counts only the window", () => {
    assertFrame(signInSummary(events, { window: { from: "2026-11-02", to: "2026-11-03" } }), {
      userId: ["u2", "u1"],
      successes: [0, 1],
      failures: [1, 0],
      distinctIps: [1, 1],
      firstSignIn: [null, "2026-11-02T08:00:00.000Z"],
      lastSignIn: [null, "2026-11-02T08:00:00.000Z"],
      lastFailure: ["2026-11-02T07:00:00.000Z", null],
    });
  });

  it("is a zero-row frame with all columns when there are no sign-ins", () => {
    assertFrame(signInSummary(events.filter(pl.col("eventTypeId").eq(pl.lit("MOD-1")))), {
      userId: [],
      successes: [],
      failures: [],
      distinctIps: [],
      firstSignIn: [],
      lastSignIn: [],
      lastFailure: [],
    });
  });
});
