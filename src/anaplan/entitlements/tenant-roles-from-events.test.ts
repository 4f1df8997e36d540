import assert from "node:assert/strict";
import { test } from "node:test";
import pl from "nodejs-polars";
import { ValidationError } from "../../errors/validation-error.js";
import { ENTITLEMENT_SCHEMA } from "../../frames/entitlement-schema.js";
import { rowsFrame } from "./anaplan-entitlement-schemas.js";
import { tenantRolesFromEvents } from "./tenant-roles-from-events.js";

const at = (iso: string) => Date.parse(iso);
function events(
  rows: Array<[id: string, code: string, target: string, iso: string, attrs: object, success?: boolean]>,
) {
  return pl.DataFrame([
    pl.Series(
      "id",
      rows.map((r) => r[0]),
      pl.Utf8,
    ),
    pl.Series(
      "eventTypeId",
      rows.map((r) => r[1]),
      pl.Utf8,
    ),
    pl.Series(
      "objectId",
      rows.map((r) => r[2]),
      pl.Utf8,
    ),
    pl.Series(
      "success",
      rows.map((r) => r[5] ?? true),
      pl.Bool,
    ),
    pl.Series(
      "additionalAttributes",
      rows.map((r) => JSON.stringify(r[4])),
      pl.Utf8,
    ),
    pl
      .Series(
        "eventDate",
        rows.map((r) => at(r[3])),
        pl.Int64,
      )
      .cast(pl.Datetime("ms", "UTC")),
  ]);
}
const users = pl.DataFrame({ id: ["u1", "u2"], email: ["Ada@Example.com", "ben@example.com"] });
const row = (person: string, right: string, scope = "tenant", scopeId: string | null = null) => ({
  person,
  system: "anaplan",
  scope,
  scopeId,
  scopeName: null,
  right,
  rightType: "role",
  grantedThrough: "Direct",
  source: "derived",
});

test("replays AUTHZ-3/6 and USR-23/24 over a baseline, in event order; failed events and events before the baseline skipped", () => {
  const baseline = rowsFrame(ENTITLEMENT_SCHEMA, [
    row("ada@example.com", "Tenant Auditor"),
    row("ben@example.com", "User Admin"),
  ]);
  const result = tenantRolesFromEvents(
    events([
      ["9", "AUTHZ-3", "u1", "2026-11-01T00:00:00Z", { roleName: "Tenant Admin" }],
      ["11", "AUTHZ-6", "u2", "2026-11-02T10:00:00Z", { roleName: "User Admin" }],
      ["10", "AUTHZ-3", "u2", "2026-11-02T10:00:00Z", { roleName: "User Admin" }],
      ["12", "AUTHZ-3", "u9", "2026-11-02T11:00:00Z", { roleName: "Page Builder" }],
      ["13", "AUTHZ-6", "u1", "2026-11-02T12:00:00Z", { roleName: "Tenant Auditor" }, false],
      ["14", "USR-23", "u1", "2026-11-03T09:00:00Z", { modelRoleName: "Planner", modelId: "M1" }],
      ["15", "USR-8", "u1", "2026-11-03T09:30:00Z", {}],
    ]),
    { baseline, baselineAt: "2026-11-01T00:00:00Z", users },
  );
  assert.deepEqual(result.rows.toRecords(), [
    row("ada@example.com", "Planner", "model", "M1"),
    row("ada@example.com", "Tenant Auditor"),
    row("u9", "Page Builder"),
  ]);
  assert.equal(result.complete, true);
  assert.equal(result.completeFrom, "2026-11-01");
  assert.deepEqual([result.eventsFrom, result.eventsTo, result.replayed], ["2026-11-02", "2026-11-03", 4]);
});

test("without a baseline: only what the events assigned, and not complete", () => {
  const result = tenantRolesFromEvents(
    events([["1", "AUTHZ-6", "u1", "2026-11-02T10:00:00Z", { roleName: "Tenant Admin" }]]),
    {
      users,
    },
  );
  assert.equal(result.rows.height, 0);
  assert.deepEqual(result.rows.columns, Object.keys(ENTITLEMENT_SCHEMA));
  assert.equal(result.complete, false);
  assert.equal(result.completeFrom, null);
});

test("a baseline needs its time", () => {
  assert.throws(
    () => tenantRolesFromEvents(events([]), { baseline: rowsFrame(ENTITLEMENT_SCHEMA, []) }),
    (e: unknown) => e instanceof ValidationError && /needs baselineAt/.test(e.message),
  );
});
