import { test } from "node:test";
import pl from "nodejs-polars";
import { assertFrame } from "../../test/frames-support.js";
import { ACCESS_MATRIX_SCHEMA, accessMatrix } from "./access-matrix.js";
import { ENTITLEMENT_SCHEMA } from "./entitlement-schema.js";
import { PERSON_ACCOUNT_SCHEMA } from "./person-accounts.js";

const row = (
  person: string,
  system: string,
  scope: string,
  right: string,
  rightType: string,
  where: string | null = null,
  grantedThrough = "Direct",
) => ({
  person,
  system,
  scope,
  scopeId: where ? where.toLowerCase() : null,
  scopeName: where,
  right,
  rightType,
  grantedThrough,
  source: "t",
});
const snapshot = pl.DataFrame(
  [
    row("ann@x.com", "anaplan", "workspace", "Workspace access", "access", "Sales"),
    row("ann@x.com", "anaplan", "workspace", "Workspace access", "access", "Finance"),
    row("ann@x.com", "anaplan", "workspace", "Workspace Administrator", "admin", "Finance"),
    row("ann@x.com", "anaplan", "tenant", "Tenant Admin", "role"),
    row("ann@x.com", "anaplan", "model", "Planner", "role", "Budget"),
    row("ann@x.com", "anaplan", "tenant", "Professional", "licence"),
    row("ann@x.com", "anaplan", "workspace", "SSO exception", "exception", "Finance"),
    row("ann@x.com", "epm", "application", "User", "role", null, "FP&A Analysts"),
    row("ann@x.com", "epm", "application", "FP&A Analysts", "group"),
    row("guest@p.com", "anaplan", "workspace", "Visitor", "visitor", "Sales"),
    row("cy@x.com", "epm", "application", "Service Administrator", "role"),
  ],
  { schema: ENTITLEMENT_SCHEMA },
);
const accounts = pl.DataFrame(
  [{ person: "dee@x.com", system: "epm", source: "epm", accountId: "dee", login: "dee", email: "dee@x.com" }],
  { schema: PERSON_ACCOUNT_SCHEMA },
);

test("accessMatrix: one row per person, rights summarised per kind, accounts without rights included", () => {
  assertFrame(
    accessMatrix(snapshot, { accounts }),
    {
      person: ["ann@x.com", "cy@x.com", "dee@x.com", "guest@p.com"],
      inAnaplan: [true, false, false, true],
      inEpm: [true, true, true, false],
      anaplanWorkspaces: ["Finance; Sales", null, null, null],
      anaplanWorkspaceAdmin: ["Finance", null, null, null],
      anaplanTenantRoles: ["Tenant Admin", null, null, null],
      anaplanModelRoles: ["Planner @ Budget", null, null, null],
      anaplanLicences: ["Professional", null, null, null],
      anaplanOther: ["SSO exception @ Finance", null, null, "Visitor @ Sales"],
      epmRoles: ["User (via FP&A Analysts)", "Service Administrator", null, null],
      epmGroups: ["FP&A Analysts", null, null, null],
      privileged: [true, true, false, false],
      rights: [9, 1, 0, 1],
    },
    { rights: "UInt32", privileged: "Bool" },
  );
});

test("accessMatrix: an empty snapshot is a zero-row frame with the matrix columns", () => {
  assertFrame(
    accessMatrix(snapshot.head(0)),
    Object.fromEntries(Object.keys(ACCESS_MATRIX_SCHEMA).map((c) => [c, []])),
  );
});
