import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { col } from "../../../test/anaplan-helpers.js";
import { PayloadError } from "../../errors/payload-error.js";
import { mergeEventPages } from "../audit/merge-pages.js";
import { parseEventsPagePlain } from "../parse/parse-events-page.js";
import type { DownloadOptions } from "./events-ingest.js";
import { PageScanner } from "./page-scanner.js";
import { finishEvents } from "./raw-events.js";

const page = (n: number, from = 0) =>
  Buffer.from(
    `{"meta":{"paging":{"currentPageSize":${n},"totalSize":${n}}},"response":[${Array.from(
      { length: n },
      (_, i) =>
        `{"id":${9007199254740993n + BigInt(from + i)},"eventTypeId":"USR-8","userId":"u${i}","message":"Zoë \\"q\\"","success":${i % 2 === 0},"eventDate":${1781249727000 + i},"additionalAttributes":{"k":[${i}]}}`,
    ).join(",")}]}`,
  );

/** Reads a page through the scanner, as getEvents does: raw page, or the plain parser on the bytes. */
async function read(scanner: PageScanner, body: Buffer) {
  const scanned = await scanner.scan(body);
  return scanned.page ? finishEvents([scanned.page.raw]) : parseEventsPagePlain(scanned.body).frame;
}

function assertFramesEqual(got: import("nodejs-polars").DataFrame, want: import("nodejs-polars").DataFrame) {
  assert.deepEqual(got.columns, want.columns);
  for (const name of want.columns) assert.deepEqual(col(got, name), col(want, name), `column ${name}`);
}

describe("PageScanner", () => {
  it("on a worker thread gives exactly the plain parser's frame, pages scanned concurrently", async () => {
    const scanner = new PageScanner();
    try {
      const bodies = [page(300), page(1), page(0), page(250, 300)];
      const want = bodies.map((b) => parseEventsPagePlain(Buffer.from(b)).frame);
      const got = await Promise.all(bodies.map((b) => read(scanner, b)));
      for (const [k, frame] of got.entries()) assertFramesEqual(frame, want[k]!);
    } finally {
      await scanner.close();
    }
  });

  it("hands back the bytes of a page it cannot read, for the plain parser (and its error)", async () => {
    const scanner = new PageScanner();
    try {
      const quotedIds = Buffer.from('{"response":[{"id":"12","eventDate":1}]}');
      const scanned = await scanner.scan(quotedIds);
      assert.equal(scanned.page, undefined);
      assert.equal(scanned.body?.toString(), '{"response":[{"id":"12","eventDate":1}]}');
      const truncated = await scanner.scan(Buffer.from('{"response":[{"id":1'));
      assert.throws(() => parseEventsPagePlain(truncated.body!), PayloadError);
    } finally {
      await scanner.close();
    }
  });

  it("fails pages held by a worker that stopped with a PayloadError (so they are fetched again), then scans on the calling thread", async () => {
    const scanner = new PageScanner();
    const held = scanner.scan(page(2000));
    await scanner.close(); // the worker stops while it holds the page
    await assert.rejects(
      held,
      (error: unknown) => error instanceof PayloadError && /stopped/.test(error.message),
    );
    const again = await read(scanner, page(3));
    assertFramesEqual(again, parseEventsPagePlain(page(3)).frame);
  });

  it("lends page buffers the worker handed back, and drops them on release()", async () => {
    const scanner = new PageScanner();
    try {
      const first = scanner.bodyBuffer(100_000)!;
      const body = page(300);
      first.set(body);
      const lent = Buffer.from(first.buffer, 0, body.length);
      assertFramesEqual(await read(scanner, lent), parseEventsPagePlain(body).frame);
      assert.ok(scanner.spareBytes >= 100_000, "the scanned page's buffer came back for reuse");
      assert.equal(first.byteLength, 0, "the lent buffer moved to the worker (detached here)");
      const again = scanner.bodyBuffer(50_000)!;
      assert.equal(again.byteLength, 125_000, "the same buffer (100,000 bytes + 25 % room), lent again");
      assert.equal(scanner.spareBytes, 0);
      scanner.release();
      assert.equal(scanner.spareBytes, 0);
    } finally {
      await scanner.close();
    }
  });

  it("scans on the calling thread with worker: false, with the same frames", async () => {
    const scanner = new PageScanner({ worker: false });
    assertFramesEqual(await read(scanner, page(50)), parseEventsPagePlain(page(50)).frame);
    await scanner.close();
  });

  it("start(): pages in (downloaded into its spare buffers), frames out; no content is undefined", async () => {
    // The release is scheduled on this test's own clock: `pending` runs when the test says.
    let pending: (() => void) | undefined;
    const scanner = new PageScanner({
      scheduleRelease: (release) => {
        pending = release;
        return () => {
          pending = undefined;
        };
      },
    });
    try {
      const run = scanner.start();
      const bodies = [page(40), Buffer.from('{"response":[{"\\u0069d":1389498298478657537}]}')];
      const asked: number[] = [];
      const download = (body: Buffer) => async (options: DownloadOptions) => {
        const into = options.bodyInto?.(body.length);
        asked.push(into?.byteLength ?? -1);
        if (!into) return body;
        into.set(body);
        return Buffer.from(into.buffer, 0, body.length);
      };
      const pages = await Promise.all(bodies.map((b) => run.read(download(b))));
      assert.deepEqual(asked, [Math.ceil(bodies[0]!.length * 1.25), Math.ceil(bodies[1]!.length * 1.25)]);
      assert.deepEqual(
        pages.map((p) => mergeEventPages([p!.frame]).getColumn("id").toArray().slice(0, 1)),
        [[`${9007199254740993n}`], ["1389498298478657537"]],
      );
      assert.equal(await run.read(async () => undefined), undefined);
      const kept = scanner.spareBytes;
      assert.ok(kept > 0, "the pages' buffers came back for reuse");
      const other = scanner.start(); // another fetch still running: its pages reuse the buffers
      run.end();
      assert.equal(pending, undefined, "no release while a fetch runs");
      assert.equal(scanner.spareBytes, kept, "kept while a fetch runs");
      other.end();
      assert.ok(pending, "a release is scheduled once the last fetch ended");
      const next = scanner.start(); // a fetch right after: the release is cancelled
      assert.equal(pending, undefined, "a new fetch cancels the scheduled release");
      next.end();
      next.end(); // a second end() of the same fetch counts once
      const last = scanner.start();
      last.end();
      assert.equal(scanner.spareBytes, kept, "kept just after the last fetch ended");
      const release = pending as (() => void) | undefined; // assigned in the callback: TS cannot see it
      assert.ok(release, "scheduled again: the double end() did not unbalance the count");
      release();
      assert.equal(scanner.spareBytes, 0, "dropped when the scheduled release runs");
    } finally {
      await scanner.close();
    }
  });
});
