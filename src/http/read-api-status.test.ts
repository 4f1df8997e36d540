import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readApiStatus } from "./read-api-status.js";

const read = (text: string) => readApiStatus(Buffer.from(text));

describe("readApiStatus", () => {
  it("reads each vendor's error shape", () => {
    assert.deepEqual(
      read('{"status":"FAILURE_BAD_REQUEST","statusMessage":"Date range cannot exceed 30 days"}'),
      {
        status: "FAILURE_BAD_REQUEST",
        message: "Date range cannot exceed 30 days",
      },
    );
    assert.deepEqual(read('{"status":{"code":401,"message":"Token expired"}}'), {
      status: "401",
      message: "Token expired",
    });
    assert.deepEqual(read('{"details":"Not a valid file.","status":8,"links":[]}'), {
      status: "8",
      message: "Not a valid file.",
    });
    assert.deepEqual(
      read('{"status":1,"error":{"errorcode":"EPMCSS-00001","errormessage":"Invalid user"}}'),
      {
        status: "EPMCSS-00001",
        message: "Invalid user",
      },
    );
  });
  it("returns nothing for HTML, text or empty bodies", () => {
    assert.deepEqual(read("<html><body>Bad gateway</body></html>"), {});
    assert.deepEqual(read(""), {});
    assert.deepEqual(read("[1,2]"), {});
  });
});
