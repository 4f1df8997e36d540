import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { assertFrame, utc } from "../../test/frames-support.js";
import { epmSignInSummary } from "./epm-sign-in-summary.js";

const userLogins = pl.DataFrame([
  pl.Series("userLogin", ["Ada@Example.com", "ada@example.com ", "kjensen"]),
  pl.Series("ipAddress", ["10.0.0.1", "10.0.0.2", "10.0.0.9"]),
  utc("accessDateAndTime", ["2026-11-01T09:00:00Z", "2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z"]),
]);
const invalidLogins = pl.DataFrame([
  pl.Series("userName", ["root", "root", "ADA@example.com"]),
  pl.Series("ipAddress", ["203.0.113.5", "203.0.113.6", "10.0.0.1"]),
  utc("dateAndTime", ["2026-11-02T03:00:00Z", "2026-11-02T03:01:00Z", "2026-11-01T08:59:00Z"]),
]);

describe("epmSignInSummary", () => {
  it("puts EPM sign-ins and failed sign-ins per normalised login side by side", () => {
    assertFrame(epmSignInSummary(userLogins, invalidLogins), {
      user: ["root", "ada@example.com", "kjensen"],
      signIns: [0, 2, 1],
      failures: [2, 1, 0],
      distinctIps: [2, 2, 1],
      lastSignIn: [null, "2026-11-02T09:00:00.000Z", "2026-11-02T10:00:00.000Z"],
      lastFailure: ["2026-11-02T03:01:00.000Z", "2026-11-01T08:59:00.000Z", null],
    });
  });

  it("keeps the window", () => {
    assertFrame(
      epmSignInSummary(userLogins, invalidLogins, { window: { from: "2026-11-02", to: "2026-11-03" } }),
      {
        user: ["root", "ada@example.com", "kjensen"],
        signIns: [0, 1, 1],
        failures: [2, 0, 0],
        distinctIps: [2, 1, 1],
        lastSignIn: [null, "2026-11-02T09:00:00.000Z", "2026-11-02T10:00:00.000Z"],
        lastFailure: ["2026-11-02T03:01:00.000Z", null, null],
      },
    );
  });
});
