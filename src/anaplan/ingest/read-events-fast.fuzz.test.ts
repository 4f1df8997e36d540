import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { col } from "../../../test/anaplan-helpers.js";
import { randomPage } from "../../../test/random-events-page.js";
import { seededRandom } from "../../simulator/random.js";
import { parseEventsPagePlain } from "../parse/parse-events-page.js";
import { readEventsFast } from "./read-events-fast.js";

describe("readEventsFast on random pages", () => {
  it("makes exactly the plain parser's frame, and takes the fast path for every valid page", () => {
    let fast = 0;
    const pages = 150;
    for (let k = 0; k < pages; k++) {
      const r = seededRandom(20261122, k);
      const body = randomPage(r, 1 + Math.floor(r() * 6));
      const got = readEventsFast(body);
      if (!got) continue;
      fast++;
      const want = parseEventsPagePlain(body);
      for (const name of want.frame.columns) {
        assert.deepEqual(col(got.frame, name), col(want.frame, name), `page ${k}, column ${name}`);
      }
    }
    // Every random page is valid JSON with integer ids and dates: none needs the plain parser.
    assert.equal(fast, pages, `fast path taken for ${fast} of ${pages} pages`);
  });
});
