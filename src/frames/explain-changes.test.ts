import assert from "node:assert/strict";
import { test } from "node:test";
import pl from "nodejs-polars";
import { ENTITLEMENT_CHANGE_SCHEMA } from "./entitlement-schema.js";
import { explainChanges } from "./explain-changes.js";

const change = pl.DataFrame(
  [
    {
      person: "ada@x.com",
      system: "anaplan",
      scope: "tenant",
      scopeId: null,
      scopeName: null,
      right: "Tenant Admin",
      rightType: "role",
      change: "grant",
      fromSnapshot: "2026-11-12",
      toSnapshot: "2026-11-13",
    },
  ],
  { schema: ENTITLEMENT_CHANGE_SCHEMA },
);
const event = (iso: string, right: string) => ({
  at: Date.parse(iso),
  system: "anaplan",
  person: "ada@x.com",
  scope: "tenant",
  scopeId: null,
  right,
  rightType: "role",
  change: "grant",
  actor: "admin@x.com",
  eventId: iso,
  code: "AUTHZ-3",
});
const events = pl
  .DataFrame([event("2026-11-10T09:00:00Z", "User Admin"), event("2026-11-12T09:00:00Z", "Tenant Admin")])
  .withColumns(pl.col("at").cast(pl.Datetime("ms", "UTC")));

test("snapshotDays: events of leading days without changes are judged (without effect), not dropped", () => {
  const bare = explainChanges(change, events);
  assert.equal(bare.explained.height, 1);
  assert.equal(bare.withoutEffect.height, 0, "the span starts at the first change's day");
  const spanned = explainChanges(change, events, { snapshotDays: { from: "2026-11-10", to: "2026-11-13" } });
  assert.deepEqual(spanned.withoutEffect.getColumn("eventId").toArray(), ["2026-11-10T09:00:00Z"]);
  assert.equal(spanned.explained.height, 1);
});
