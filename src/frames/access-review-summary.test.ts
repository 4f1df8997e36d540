import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { assertFrame, usersFrame } from "../../test/frames-support.js";
import { accessReview } from "./access-review.js";
import { accessReviewSummary } from "./access-review-summary.js";

describe("accessReviewSummary", () => {
  it("counts people per check, then the clean ones and the total", () => {
    const users = usersFrame([
      { id: "u1", email: "ada@example.com" },
      { id: "u2", email: "ben@example.com" },
      { id: "u3", email: "cy@example.com", active: false },
    ]);
    const epm = pl.DataFrame([
      pl.Series("userLogin", ["ada@example.com", "cy@example.com", "kim@example.com"]),
    ]);
    const summary = accessReviewSummary(accessReview(users, epm));
    assertFrame(summary.select("check", "people"), {
      check: [
        "Only in Anaplan",
        "Only in Oracle EPM",
        "Active in one, inactive in the other",
        "Access changed in both",
        "Signed in although deactivated in Anaplan",
        "Last sign-in: events and users API disagree",
        "Matched, nothing to explain",
        "People in total",
      ],
      people: [1, 1, 1, 0, 0, 0, 1, 4],
    });
  });
});
