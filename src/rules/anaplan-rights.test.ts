import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { ENTITLEMENT_SCHEMA } from "../frames/entitlement-schema.js";
import { accessRights } from "./access-rights.js";
import { anaplanRights } from "./anaplan-rights.js";

const row = (person: string | null, right: string, rightType: string, scopeId: string | null = null) => ({
  person,
  system: "anaplan",
  scope: scopeId ? "workspace" : "tenant",
  scopeId,
  scopeName: scopeId ? `WS ${scopeId}` : null,
  right,
  rightType,
  grantedThrough: "Direct",
  source: "integration-api",
});

const SNAPSHOT = pl
  .readRecords(
    [
      row(" Ann@Example.com ", "Workspace Administrator", "admin", "w1"),
      row("ann@example.com", "Workspace Administrator", "admin", "w2"),
      row("ann@example.com", "Workspace access", "access", "w1"),
      row("bob@example.com", "Professional", "licence"),
      row("bob@example.com", "Tenant Admin", "role"),
      row("cy@example.com", " Tenant Auditor ", "role"),
      row(null, "Visitor", "visitor", "w1"),
      { ...row("dan@example.com", "Service Administrator", "role"), system: "epm" },
    ],
    { schema: ENTITLEMENT_SCHEMA },
  )
  .withColumns(pl.lit("2026-11-20").alias("snapshot"));

describe("anaplanRights", () => {
  it("one row per person and right, keyed on the lower-cased e-mail, privileged as PRIVILEGED_RIGHTS says", () => {
    const rights = anaplanRights(SNAPSHOT);
    assert.deepEqual(rights.columns, ["person", "system", "right", "grantedThrough", "privileged"]);
    assert.deepEqual(rights.toRecords(), [
      {
        person: "ann@example.com",
        system: "anaplan",
        right: "Workspace Administrator",
        grantedThrough: "Direct",
        privileged: true,
      },
      {
        person: "ann@example.com",
        system: "anaplan",
        right: "Workspace access",
        grantedThrough: "Direct",
        privileged: false,
      },
      {
        person: "bob@example.com",
        system: "anaplan",
        right: "Professional",
        grantedThrough: "Direct",
        privileged: false,
      },
      {
        person: "bob@example.com",
        system: "anaplan",
        right: "Tenant Admin",
        grantedThrough: "Direct",
        privileged: true,
      },
      {
        person: "cy@example.com",
        system: "anaplan",
        right: "Tenant Auditor",
        grantedThrough: "Direct",
        privileged: false,
      },
    ]);
  });

  it("meets the EPM rights of the same person in accessRights", () => {
    const roles = pl.DataFrame({
      userLogin: ["ANN"],
      firstName: ["Ann"],
      lastName: ["A"],
      email: ["Ann@example.com"],
      role: ["Service Administrator"],
      grantedThrough: ["Direct"],
    });
    const rights = accessRights({ epmRoleAssignments: roles, extra: anaplanRights(SNAPSHOT) });
    assert.deepEqual(
      rights
        .filter(pl.col("person").eq(pl.lit("ann@example.com")))
        .select("system", "right")
        .rows(),
      [
        ["anaplan", "Workspace Administrator"],
        ["anaplan", "Workspace access"],
        ["epm", "Service Administrator"],
      ],
    );
  });

  it("an empty snapshot gives the empty rights frame", () => {
    const rights = anaplanRights(pl.DataFrame({}, { schema: ENTITLEMENT_SCHEMA }));
    assert.equal(rights.height, 0);
    assert.deepEqual(rights.dtypes.map(String), [
      "DataType(String)",
      "DataType(String)",
      "DataType(String)",
      "DataType(String)",
      "DataType(Bool)",
    ]);
  });
});
