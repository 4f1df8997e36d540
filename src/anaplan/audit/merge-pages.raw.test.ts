import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { col, schemaOf } from "../../../test/anaplan-helpers.js";
import { isRawEvents } from "../ingest/raw-events.js";
import { parseEventsPage, parseEventsPageForMerge } from "../parse/parse-events-page.js";
import { ANAPLAN_EVENT_SCHEMA } from "../schemas.js";
import { mergeEventPages } from "./merge-pages.js";

/** A compact events page, as the Audit API sends it: `[id, eventDate, message]` per event. */
const body = (events: Array<[id: string, date: number, message: string]>) =>
  Buffer.from(
    `{"meta":{"paging":{"currentPageSize":${events.length},"totalSize":999,"offSet":0}},"response":[${events
      .map(
        ([id, date, message]) =>
          `{"id":${id},"eventTypeId":"USR-8","eventDate":${date},"message":"${message}"}`,
      )
      .join(",")}]}`,
  );

/** Merges the pages both ways — raw frames (fast path) and finished frames — and asserts one result. */
function assertSameMerge(pages: Buffer[]): ReturnType<typeof mergeEventPages> {
  const raw = pages.map((p) => parseEventsPageForMerge(p).frame);
  assert.ok(raw.every(isRawEvents), "every page should take the fast path");
  const viaRaw = mergeEventPages(raw);
  const viaFinished = mergeEventPages(pages.map((p) => parseEventsPage(p).frame));
  assert.deepEqual(schemaOf(viaRaw), schemaOf(viaFinished));
  for (const name of Object.keys(ANAPLAN_EVENT_SCHEMA)) {
    assert.deepEqual(col(viaRaw, name), col(viaFinished, name), `column ${name}`);
  }
  return viaRaw;
}

describe("mergeEventPages on raw pages (ids and dates finished once)", () => {
  it("gives the finished merge for pages in server order, a repeated boundary event and ids past 2^53", () => {
    const merged = assertSameMerge([
      body([
        ["9", 1000, "a"],
        ["10", 1000, "b"],
      ]),
      body([
        ["10", 1000, "b again"],
        ["9007199254740993", 2000, "c"],
        ["9223372036854775807", 2000, "d"],
      ]),
    ]);
    assert.deepEqual(col(merged, "id"), ["9", "10", "9007199254740993", "9223372036854775807"]);
    assert.deepEqual(col(merged, "message"), ["a", "b", "c", "d"]);
    assert.equal(col(merged, "eventDate")[2], "1970-01-01T00:00:02.000Z");
  });

  it("sorts and dedupes pages out of order or with ids repeated apart, as the finished merge does", () => {
    const merged = assertSameMerge([
      body([
        ["5", 50, "late"],
        ["6", 60, "x"],
      ]),
      body([
        ["1", 10, "early"],
        ["5", 50, "dup apart"],
      ]),
    ]);
    assert.deepEqual(col(merged, "message"), ["early", "late", "x"]);
  });

  it("orders a negative id as text does (by length first), not numerically", () => {
    // Text order puts "7" before "-5" (shorter first); numeric order would not.
    const merged = assertSameMerge([
      body([
        ["-5", 10, "negative"],
        ["7", 10, "seven"],
      ]),
    ]);
    assert.deepEqual(col(merged, "id"), ["7", "-5"]);
  });

  it("finishes raw pages mixed with finished ones (a page the fast path did not take)", () => {
    const fast = body([["1", 10, "raw"]]);
    const plainOnly = Buffer.from('{"response":[{"id":"2","eventDate":20,"message":"quoted id"}]}');
    const frames = [parseEventsPageForMerge(fast).frame, parseEventsPageForMerge(plainOnly).frame];
    assert.deepEqual(frames.map(isRawEvents), [true, false]);
    const merged = mergeEventPages(frames);
    assert.deepEqual(col(merged, "id"), ["1", "2"]);
    assert.deepEqual(schemaOf(merged), schemaOf(parseEventsPage(fast).frame));
  });
});
