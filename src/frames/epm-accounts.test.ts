import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { assertFrame } from "../../test/frames-support.js";
import { epmAccounts } from "./epm-accounts.js";

const userGroups = pl.DataFrame([
  pl.Series("userLogin", ["ada@example.com", "ada@example.com", "cmoreau"]),
  pl.Series("firstName", ["Ada", "Ada", "Cy"]),
  pl.Series("lastName", ["Okafor", "Okafor", "Moreau"]),
  pl.Series("email", ["ada@example.com", "ada@example.com", "cy@example.com"]),
  pl.Series("direct", [true, false, true]),
  pl.Series("group", ["Planners", "Finance", "Planners"]),
]);
const roleAssignments = pl.DataFrame([
  pl.Series("userLogin", ["ada@example.com", "ada@example.com", "zed"]),
  pl.Series("firstName", ["Ada", "Ada", "Zed"]),
  pl.Series("lastName", ["Okafor", "Okafor", "Ito"]),
  pl.Series("email", ["ada@example.com", "ada@example.com", "zed@example.com"]),
  pl.Series("role", ["User", "Power User"]).extend(pl.Series(["User"])),
  pl.Series("grantedThrough", ["Direct", "Planners", "Direct"]),
]);

describe("epmAccounts", () => {
  it("gives one row per account, inactive when missing from Role Assignment", () => {
    assertFrame(
      epmAccounts(userGroups, roleAssignments),
      {
        userLogin: ["ada@example.com", "cmoreau", "zed"],
        firstName: ["Ada", "Cy", "Zed"],
        lastName: ["Okafor", "Moreau", "Ito"],
        email: ["ada@example.com", "cy@example.com", "zed@example.com"],
        active: [true, false, true],
        groups: [2, 1, 0],
        roles: [2, 0, 1],
      },
      { active: "Bool", groups: "UInt32" },
    );
  });
});
