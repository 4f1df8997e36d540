import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { col as columnOf, schemaOf } from "../../../test/anaplan-helpers.js";
import { PayloadError } from "../../errors/payload-error.js";
import { ANAPLAN_USER_SCHEMA } from "../schemas.js";
import { parseUsersPage } from "./parse-users-page.js";

const bytes = (text: string) => Buffer.from(text, "utf8");

describe("parseUsersPage", () => {
  it("builds the exact frame with lastLoginDate as a UTC datetime", () => {
    const { frame, paging } = parseUsersPage(
      bytes(`{
        "meta": { "schema": "https://api.anaplan.com/2/0/objects/user",
          "paging": { "currentPageSize": 2, "totalSize": 12034, "offset": 5000,
            "next": "https://api.anaplan.com/2/0/users?limit=5000&offset=10000" } },
        "status": { "code": 200, "message": "Success" },
        "users": [
          { "id": "8a8196a55b193fa0015b1e57f3da172c", "active": true, "email": "a.user@example.com",
            "emailOptIn": false, "firstName": "A", "lastName": "User",
            "customerId": "8b81da6f5fb6b75701604d6c950c05b1", "lastLoginDate": "2026-05-07T08:05:37.000+0000" },
          { "id": "8a8196a55b193fa0015b1e57f3da172d", "active": false, "email": "b@example.com",
            "firstName": "B", "lastName": "Other" }
        ]
      }`),
    );
    assert.deepEqual(
      schemaOf(frame),
      Object.entries(ANAPLAN_USER_SCHEMA).map(([k, v]) => `${k}:${String(v)}`),
    );
    assert.deepEqual(frame.columns, [
      "id",
      "email",
      "firstName",
      "lastName",
      "active",
      "emailOptIn",
      "customerId",
      "lastLoginDate",
    ]);
    const col = (name: string) => columnOf(frame, name);
    assert.deepEqual(col("id"), ["8a8196a55b193fa0015b1e57f3da172c", "8a8196a55b193fa0015b1e57f3da172d"]);
    assert.deepEqual(col("email"), ["a.user@example.com", "b@example.com"]);
    assert.deepEqual(col("firstName"), ["A", "B"]);
    assert.deepEqual(col("lastName"), ["User", "Other"]);
    assert.deepEqual(col("active"), [true, false]);
    assert.deepEqual(col("emailOptIn"), [false, null]);
    assert.deepEqual(col("customerId"), ["8b81da6f5fb6b75701604d6c950c05b1", null]);
    assert.deepEqual(col("lastLoginDate"), ["2026-05-07T08:05:37.000Z", null]);
    assert.equal(String(frame.schema.lastLoginDate), "DataType(Datetime(ms,UTC))");
    assert.deepEqual(paging, { currentPageSize: 2, totalSize: 12034, offset: 5000, nextOffset: undefined });
  });

  it("returns a zero-row frame with the full schema for an empty page", () => {
    const { frame } = parseUsersPage(bytes('{"meta":{"paging":{"totalSize":0}},"users":[]}'));
    assert.equal(frame.height, 0);
    assert.equal(frame.width, 8);
  });

  it("throws a PayloadError for an HTML page, truncated JSON and a missing users array", () => {
    for (const body of ["<!DOCTYPE html><html>login</html>", '{"users":[{"id":"a"', '{"user":{"id":"a"}}']) {
      assert.throws(() => parseUsersPage(bytes(body)), PayloadError);
    }
  });
});
