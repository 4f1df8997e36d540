import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { assertFrame, utc } from "../../test/frames-support.js";
import { countByDay } from "./count-by-day.js";

const invalid = pl.DataFrame([
  pl.Series("userName", ["root", "root", "ada", "ada"]),
  utc("dateAndTime", ["2026-11-01T01:00:00Z", "2026-11-01T23:00:00Z", "2026-11-02T00:00:00Z", null]),
]);

describe("countByDay", () => {
  it("counts rows per UTC day of any date column, skipping rows without a date", () => {
    assertFrame(countByDay(invalid, "dateAndTime"), {
      day: ["2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z"],
      rows: [2, 1],
    });
  });

  it("splits by a column and keeps the window", () => {
    assertFrame(
      countByDay(invalid, "dateAndTime", {
        by: "userName",
        window: { from: "2026-11-01T12:00:00Z", to: "2026-11-03" },
      }),
      {
        day: ["2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z"],
        userName: ["root", "ada"],
        rows: [1, 1],
      },
    );
  });
});
