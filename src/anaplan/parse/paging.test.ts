import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readPaging } from "./paging.js";

describe("readPaging", () => {
  it("reads both offset spellings and numeric text", () => {
    assert.deepEqual(readPaging({ meta: { paging: { totalSize: "3", offSet: 0, currentPageSize: 2 } } }), {
      currentPageSize: 2,
      totalSize: 3,
      offset: 0,
      nextOffset: undefined,
    });
  });

  it("names the fields that are present but not whole non-negative safe numbers", () => {
    const paging = readPaging({
      meta: { paging: { totalSize: "lots", currentPageSize: -1, offset: 1.5, nextOffset: 2 ** 60 } },
    });
    assert.deepEqual(paging.invalid, ["currentPageSize", "totalSize", "offset", "nextOffset"]);
    assert.equal(paging.totalSize, undefined);
    assert.equal(readPaging({}).invalid, undefined, "absent is not invalid");
  });
});
