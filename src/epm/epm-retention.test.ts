import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors/validation-error.js";
import { resolveEpmRetention } from "./epm-retention.js";

describe("resolveEpmRetention", () => {
  it("uses Oracle's defaults: 30 days for role audit and invalid logins until extended", () => {
    const days = resolveEpmRetention();
    assert.deepEqual(
      [
        "groupAssignmentAudit",
        "roleAssignmentAudit",
        "invalidLogins",
        "userLogins",
        "roleAssignments",
        "userGroups",
      ].map((n) => days(n as Parameters<typeof days>[0])),
      [120, 30, 30, 120, undefined, undefined],
    );
  });
  it("takes extensions up to each report's maximum", () => {
    const days = resolveEpmRetention({ roleAssignmentAudit: 90, invalidLogins: 60 });
    assert.equal(days("roleAssignmentAudit"), 90);
    assert.equal(days("invalidLogins"), 60);
  });
  it("refuses values past the maximum, fractions, and current-state reports, naming the limit", () => {
    assert.throws(
      () => resolveEpmRetention({ invalidLogins: 120 }),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.message ===
          "[epm] retentionDays.invalidLogins must be a whole number of days from 1 to 90 (Oracle's maximum for the Invalid Login report), got 120.",
    );
    assert.throws(() => resolveEpmRetention({ userLogins: 1.5 }), ValidationError);
    assert.throws(() => resolveEpmRetention({ userGroups: 10 }), /takes no date range/);
  });
});
