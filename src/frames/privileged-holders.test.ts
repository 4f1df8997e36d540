import { test } from "node:test";
import pl from "nodejs-polars";
import { assertFrame } from "../../test/frames-support.js";
import { ENTITLEMENT_SCHEMA } from "./entitlement-schema.js";
import { privilegedHolders } from "./privileged-holders.js";

const row = (
  person: string,
  system: string,
  scope: string,
  right: string,
  rightType: string,
  scopeId: string | null = null,
) => ({
  person,
  system,
  scope,
  scopeId,
  scopeName: scopeId ? `WS ${scopeId}` : null,
  right,
  rightType,
  grantedThrough: "Direct",
  source: "test",
});
const snapshot = pl
  .DataFrame(
    [
      row("bob@x.com", "anaplan", "workspace", "Workspace Administrator", "admin", "w1"),
      row("ann@x.com", "anaplan", "tenant", "tenant admin", "role"),
      row("ann@x.com", "anaplan", "tenant", "Tenant Auditor", "role"),
      row("ann@x.com", "anaplan", "workspace", "Workspace access", "access", "w1"),
      row("cy@x.com", "epm", "application", "Service Administrator", "role"),
      row("cy@x.com", "epm", "application", "Power User", "role"),
      row("dee@x.com", "epm", "application", "Access Control - View", "role"),
    ],
    { schema: ENTITLEMENT_SCHEMA },
  )
  .withColumns(pl.lit("2026-11-10").alias("snapshot"));

test("privilegedHolders: tenant admin roles (any case), workspace admins, EPM Service Administrator; readers left out", () => {
  assertFrame(privilegedHolders(snapshot), {
    person: ["ann@x.com", "bob@x.com", "cy@x.com"],
    system: ["anaplan", "anaplan", "epm"],
    scope: ["tenant", "workspace", "application"],
    scopeId: [null, "w1", null],
    scopeName: [null, "WS w1", null],
    right: ["tenant admin", "Workspace Administrator", "Service Administrator"],
    rightType: ["role", "admin", "role"],
    grantedThrough: ["Direct", "Direct", "Direct"],
    source: ["test", "test", "test"],
    privilege: [
      "administers the tenant",
      "administers a workspace and its models",
      "administers the environment",
    ],
  });
});

test("privilegedHolders: a custom list, and zero rows with the columns when nobody matches", () => {
  const custom = privilegedHolders(snapshot, [
    { system: "epm", rightType: "role", right: "Access Control - View", why: "reads access" },
  ]);
  assertFrame(custom.select("person", "privilege"), { person: ["dee@x.com"], privilege: ["reads access"] });
  const none = privilegedHolders(snapshot.head(0));
  assertFrame(
    none,
    Object.fromEntries([...Object.keys(ENTITLEMENT_SCHEMA), "privilege"].map((c) => [c, []])),
  );
});
