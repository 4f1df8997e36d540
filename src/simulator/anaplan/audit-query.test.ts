import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type AuditQueryInput, parseAuditQuery } from "./audit-query.js";

const NOW = Date.parse("2026-11-15T12:00:00Z");
const DAY = 86_400_000;
const none: AuditQueryInput = { type: null, limit: null, offset: null, from: null, to: null, interval: null };

describe("parseAuditQuery", () => {
  test("defaults: the last 30 days, all types, 20 rows from offset 0", () => {
    assert.deepEqual(parseAuditQuery(none, NOW), {
      from: NOW - 30 * DAY,
      to: NOW,
      category: -1,
      type: undefined,
      limit: 20,
      offset: 0,
    });
  });

  test("dateFrom alone runs to now; dateTo alone starts at retention; intervalInHours is a rolling window", () => {
    assert.deepEqual(parseAuditQuery({ ...none, from: String(NOW - DAY) }, NOW), {
      from: NOW - DAY,
      to: NOW,
      category: -1,
      type: undefined,
      limit: 20,
      offset: 0,
    });
    const onlyTo = parseAuditQuery({ ...none, to: String(NOW - DAY) }, NOW);
    assert.ok(!("error" in onlyTo) && onlyTo.from === NOW - 30 * DAY && onlyTo.to === NOW - DAY);
    const interval = parseAuditQuery({ ...none, interval: "24", type: "access_control", limit: "5" }, NOW);
    assert.deepEqual(interval, {
      from: NOW - DAY,
      to: NOW,
      category: 1,
      type: "access_control",
      limit: 5,
      offset: 0,
    });
  });

  test("refusals", () => {
    const error = (input: Partial<AuditQueryInput>) => parseAuditQuery({ ...none, ...input }, NOW);
    assert.deepEqual(error({ from: String(NOW - 31 * DAY), to: String(NOW) }), {
      error: "Date range cannot exceed 30 days",
    });
    assert.deepEqual(error({ interval: "721" }), { error: "Date range cannot exceed 30 days" });
    assert.deepEqual(error({ from: String(NOW), to: String(NOW - 1) }), {
      error: "dateFrom must not be after dateTo",
    });
    assert.deepEqual(error({ limit: "ten" }), { error: 'limit must be an integer, got "ten"' });
    assert.deepEqual(error({ offset: "-1" }), { error: "limit and offset must not be negative" });
  });
});
