import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { col } from "../../../test/anaplan-helpers.js";
import { exactEventsPage } from "../../../test/exact-events-page.js";
import { seededRandom } from "../../simulator/random.js";
import { EventColumns } from "../ingest/event-columns.js";
import { IpcScanner } from "../ingest/ipc-scanner.js";
import { finishEvents, readScannedPage } from "../ingest/raw-events.js";
import { scanEventsPage } from "../ingest/scan-events.js";
import { WasmScanner } from "../ingest/wasm-scanner.js";
import { ANAPLAN_EVENT_SCHEMA, type ColumnValues, frameFromColumns } from "../schemas.js";
import { parseEventsPage } from "./parse-events-page.js";
import { parseEventsPagePlain } from "./parse-events-page-plain.js";

/** The JavaScript scanner alone (no WebAssembly tier in front of it). */
function jsTier(body: Buffer, cols: EventColumns): pl.DataFrame | undefined {
  const scanned = scanEventsPage(body, cols);
  if (!scanned) return undefined;
  const page = readScannedPage(cols.toIpc(), scanned.rows, scanned.envelope);
  return page && finishEvents([page.raw]);
}

/** The WebAssembly tier alone (undefined when it declines the page). */
function wasmTier(body: Buffer, scanner: IpcScanner): pl.DataFrame | undefined {
  const scanned = scanner.read(body);
  if (scanned?.tier !== "wasm") return undefined;
  return finishEvents([pl.readIPCStream(Buffer.from(scanned.ipc))]);
}

/** The generator's reading as a frame (dates given as epoch ms), compared in one call. */
function assertReading(frame: pl.DataFrame, expected: Record<string, unknown[]>, what: string): void {
  const height = expected.id!.length;
  assertSameFrame(
    frame,
    frameFromColumns(ANAPLAN_EVENT_SCHEMA, expected as Record<string, ColumnValues>, height),
    what,
  );
}

/** Same columns, types and values (nulls equal), else the columns that differ. */
function assertSameFrame(got: pl.DataFrame, want: pl.DataFrame, what: string): void {
  if (got.frameEqual(want, true)) return;
  for (const name of want.columns)
    assert.deepEqual(col(got, name), col(want, name), `${what}, column ${name}`);
  assert.deepEqual(got.schema, want.schema, what);
}

describe("the event parsers on random valid JSON (differential, seeded)", () => {
  it("the WebAssembly tier, the JavaScript scanner and the plain parser all give the exact reading", () => {
    assert.ok(WasmScanner.load(), "dist/anaplan/ingest/scan-events.wasm is built (npm run build)");
    const cols = new EventColumns();
    const scanner = new IpcScanner();
    const taken = { wasm: 0, js: 0 };
    const PAGES = 150;
    for (let k = 0; k < PAGES; k++) {
      const r = seededRandom(20261206, k);
      const compact = r() < 0.4;
      const page = exactEventsPage(r, 1 + Math.floor(r() * 10), compact);
      const what = `page ${k} (${compact ? "compact" : "any spelling"}): ${page.body.toString().slice(0, 300)}`;
      // The plain parser against the generator's reading, value by value; the other tiers
      // against the plain parser's frame (one comparison: reading columns back is slow).
      const plain = parseEventsPagePlain(page.body).frame;
      assertReading(plain, page.expected, `plain parser, ${what}`);
      assertSameFrame(parseEventsPage(page.body).frame, plain, `parseEventsPage, ${what}`);
      const js = jsTier(page.body, cols);
      if (js) {
        taken.js++;
        assertSameFrame(js, plain, `JavaScript scanner, ${what}`);
      }
      const wasm = wasmTier(page.body, scanner);
      if (wasm) {
        taken.wasm++;
        assertSameFrame(wasm, plain, `WebAssembly tier, ${what}`);
      }
    }
    // The comparison means something only if the fast tiers read a good share of the pages.
    assert.ok(taken.js >= PAGES * 0.3, `JavaScript scanner read ${taken.js} of ${PAGES} pages`);
    assert.ok(taken.wasm >= PAGES * 0.1, `WebAssembly tier read ${taken.wasm} of ${PAGES} pages`);
  });

  it("keeps a 19-digit id exact when its key is escaped, in every parser", () => {
    const body = Buffer.from(
      String.raw`{"meta":{"paging":{"currentPageSize":1}},"response":[{"\u0069d":1389498298478657537,"additionalAttributes":{"id":1389498298478657539, "n": 1e400}}]}`,
    );
    const cols = new EventColumns();
    for (const frame of [
      parseEventsPagePlain(body).frame,
      parseEventsPage(body).frame,
      jsTier(body, cols)!,
    ]) {
      assert.deepEqual(col(frame, "id"), ["1389498298478657537"]);
      assert.deepEqual(col(frame, "additionalAttributes"), ['{"id":1389498298478657539, "n": 1e400}']);
    }
  });
});
