import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { ARCHIVE_DATASETS } from "../archive/archive-datasets.js";
import { ANAPLAN_EVENT_LAYOUT, SCANNER_KIND_CODES } from "./event-layout.js";
import { EVENT_COLUMNS } from "./ingest/event-columns.js";
import { IpcScanner } from "./ingest/ipc-scanner.js";
import { finishEvents } from "./ingest/raw-events.js";
import { WasmScanner } from "./ingest/wasm-scanner.js";
import { parseEventsPagePlain } from "./parse/parse-events-page-plain.js";
import { ANAPLAN_EVENT_SCHEMA } from "./schemas.js";

const ASSEMBLY = readFileSync(new URL("../../assembly/scan-events.ts", import.meta.url), "utf8");

describe("ANAPLAN_EVENT_LAYOUT, the one declaration of the events layout", () => {
  it("is the frame's columns in the documented order, each read from the JSON key of the same name", () => {
    assert.deepEqual(
      ANAPLAN_EVENT_LAYOUT.map((c) => `${c.column}:${c.dtype}:${c.kind}`),
      [
        "id:String:id",
        "eventTypeId:String:text",
        "userId:String:text",
        "tenantId:String:text",
        "objectId:String:text",
        "objectTypeId:String:text",
        "objectTenantId:String:text",
        "message:String:text",
        "success:Bool:flag",
        "errorNumber:String:text",
        "ipAddress:String:text",
        "userAgent:String:text",
        "sessionId:String:text",
        "hostName:String:text",
        "serviceVersion:String:text",
        "eventDate:DatetimeMsUtc:ms",
        "createdDate:DatetimeMsUtc:ms",
        "eventTimeZone:String:text",
        "createdTimeZone:String:text",
        "checksum:String:text",
        "additionalAttributes:String:json",
      ],
    );
    assert.ok(ANAPLAN_EVENT_LAYOUT.every((c) => c.field === c.column));
  });

  it("gives ANAPLAN_EVENT_SCHEMA, the archive's Parquet schema and the scanners' columns", () => {
    const types = { String: pl.String, Bool: pl.Bool, DatetimeMsUtc: pl.Datetime("ms", "UTC") };
    assert.deepEqual(
      Object.entries(ANAPLAN_EVENT_SCHEMA).map(([name, type]) => [name, String(type)]),
      ANAPLAN_EVENT_LAYOUT.map((c) => [c.column, String(types[c.dtype])]),
    );
    assert.equal(ARCHIVE_DATASETS.events.schema, ANAPLAN_EVENT_SCHEMA);
    assert.deepEqual(
      EVENT_COLUMNS.map((c) => [c.name, c.field, c.kind]),
      ANAPLAN_EVENT_LAYOUT.map((c) => [c.column, c.field, c.kind]),
    );
  });

  it("has the kind codes the WebAssembly scanner (assembly/scan-events.ts) declares", () => {
    const declared = Object.fromEntries(
      [...ASSEMBLY.matchAll(/^const KIND_([A-Z0-9]+): i32 = (\d+);$/gm)].map((m) => [
        m[1]!.toLowerCase(),
        Number(m[2]),
      ]),
    );
    assert.deepEqual(declared, { ...SCANNER_KIND_CODES });
    // Its per-column tables hold at most MAX_COLUMNS columns, and `seen` is a 64-bit mask.
    const max = Number(/^const MAX_COLUMNS: i32 = (\d+);$/m.exec(ASSEMBLY)?.[1]);
    assert.ok(ANAPLAN_EVENT_LAYOUT.length <= Math.min(max, 64), `${ANAPLAN_EVENT_LAYOUT.length} <= ${max}`);
  });

  it("is what the built WebAssembly scanner reads: every column, in order, of its kind", () => {
    assert.ok(WasmScanner.load(), "dist/anaplan/ingest/scan-events.wasm is built (npm run build)");
    // One event that sets every column to a value of its kind, keys in reverse order.
    const values: Record<string, string> = { id: "-9", ms: "1781249727000", flag: "true", json: '{"k":[1]}' };
    const event = [...ANAPLAN_EVENT_LAYOUT]
      .reverse()
      .map((c, k) => `"${c.field}":${values[c.kind] ?? `"t${k}"`}`)
      .join(",");
    const body = Buffer.from(`{"meta":{"paging":{"currentPageSize":1}},"response":[{${event}}]}`);
    const scanned = new IpcScanner().read(body);
    assert.equal(scanned?.tier, "wasm");
    const frame = finishEvents([pl.readIPCStream(Buffer.from(scanned.ipc))]);
    const want = parseEventsPagePlain(body).frame;
    assert.deepEqual(frame.row(0), want.row(0));
    assert.deepEqual(frame.nullCount().row(0), new Array(ANAPLAN_EVENT_LAYOUT.length).fill(0));
    assert.deepEqual(want.row(0).slice(0, 2), ["-9", "t19"]);
  });
});
