import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { col } from "../../../test/anaplan-helpers.js";
import { randomPage } from "../../../test/random-events-page.js";
import { seededRandom } from "../../simulator/random.js";
import { type Simulator, startSimulator } from "../../simulator/start-simulator.js";
import { parseEventsPagePlain } from "../parse/parse-events-page.js";
import { EVENT_COLUMNS, EventColumns } from "./event-columns.js";
import { IpcScanner } from "./ipc-scanner.js";
import { finishEvents } from "./raw-events.js";
import { pageFrame, scanEventsPage } from "./scan-events.js";
import { WasmScanner } from "./wasm-scanner.js";

const FULL =
  '{"id":2598676438,"eventTypeId":"USR-8","userId":"8a8196a158539d600158b276856b0e5a","tenantId":"8a81969a515845e30151584d03830003","objectId":"8a8196a158539d600158b276856b0e5a","objectTypeId":"","objectTenantId":"8a81969a515845e30151584d03830003","message":"User login success","success":true,"errorNumber":"E1","ipAddress":"203.0.113.7","userAgent":"Mozilla/5.0 (X11)","sessionId":"s1","hostName":"h1","serviceVersion":"2.1","eventDate":1781249727000,"eventTimeZone":"UTC","createdDate":1781249728000,"createdTimeZone":"UTC","checksum":"1118902891","additionalAttributes":{"clientName":"Chrome"}}';
const page = (events: string[]) =>
  Buffer.from(
    `{"meta":{"paging":{"currentPageSize":${events.length},"totalSize":999,"offSet":0}},"response":[${events.join(",")}]}`,
  );

const pageFrameOf = (body: Uint8Array) => {
  const frame = pageFrame(body);
  assert.ok(frame);
  return frame;
};

/** The JavaScript scanner's raw frame for the same bytes (the reference for the WebAssembly tier). */
function jsFrame(body: Uint8Array): pl.DataFrame {
  const columns = new EventColumns();
  const scanned = scanEventsPage(body, columns);
  assert.ok(scanned, "the JavaScript scanner should take this page");
  return pl.readIPCStream(Buffer.from(columns.toIpc()));
}

/** Reads `body` with IpcScanner, asserts the tier, and that the frame is the JavaScript scanner's. */
function assertTier(body: Uint8Array, tier: "wasm" | "js"): pl.DataFrame {
  const read = new IpcScanner().read(body);
  assert.ok(read, "IpcScanner should take this page");
  assert.equal(read.tier, tier);
  const got = pl.readIPCStream(Buffer.from(read.ipc));
  const want = jsFrame(body);
  assert.deepEqual(got.columns, want.columns);
  for (const name of want.columns) assert.deepEqual(col(got, name), col(want, name), `column ${name}`);
  // And the finished frame is the plain parser's.
  const plain = parseEventsPagePlain(body).frame;
  const finished = finishEvents([got]);
  for (const name of plain.columns)
    assert.deepEqual(col(finished, name), col(plain, name), `finished ${name}`);
  return got;
}

describe("IpcScanner", () => {
  it("has the WebAssembly scanner here (built by npm run build)", () => {
    assert.ok(WasmScanner.load(), "dist/anaplan/ingest/scan-events.wasm is missing or does not run");
  });

  it("reads the documented shapes with WebAssembly, exactly as the JavaScript scanner", () => {
    assertTier(
      page([
        FULL,
        '{"id":9223372036854775807,"eventTypeId":"USR-13","success":false,"eventDate":1781249727001,"additionalAttributes":{"a":[1,-2,{"b":null}],"c":"\\"x\\"\\n"}}',
        '{"id":-7,"message":"Zoë \\u00e9 \\ud83d\\ude00 \\"q\\" \\\\ \\/","userAgent":null,"success":null,"eventDate":null,"additionalAttributes":"text"}',
        '{ "id" : 3 , "message" : "spaced" , "eventDate" : 0 }',
        "{}",
      ]),
      "wasm",
    );
  });

  it("reads every page the simulator serves with WebAssembly", async () => {
    let sim: Simulator | undefined;
    try {
      const now = Date.parse("2026-11-20T12:00:00Z");
      sim = await startSimulator({
        port: 0,
        seed: 7,
        clock: { start: now, frozen: true },
        anaplan: { users: 40, eventsPerDay: 3000 },
      });
      const { email, password } = sim.anaplan.credentials;
      const login = await fetch(`${sim.anaplan.urls.authUrl}/token/authenticate`, {
        method: "POST",
        headers: { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}` },
      });
      const token = ((await login.json()) as { tokenInfo: { tokenValue: string } }).tokenInfo.tokenValue;
      let rows = 0;
      let total = 0;
      for (const offset of [0, 1000, 2000]) {
        const url = `${sim.anaplan.urls.auditUrl}/events?dateFrom=${now - 86_400_000}&dateTo=${now}&limit=1000&offset=${offset}`;
        const res = await fetch(url, { headers: { authorization: `AnaplanAuthToken ${token}` } });
        const body = Buffer.from(await res.arrayBuffer());
        total = (JSON.parse(body.toString()) as { meta: { paging: { totalSize: number } } }).meta.paging
          .totalSize;
        rows += assertTier(body, "wasm").height;
      }
      assert.ok(total > 2000, `the day holds ${total} events`);
      assert.equal(rows, Math.min(total, 3000));
    } finally {
      await sim?.close();
    }
  });

  const declined: Array<[string, string[]]> = [
    ["an unknown key", ['{"id":1,"unknown":{"x":[1,2]}}']],
    ["an escaped key", ['{"id":1,"mess\\u0061ge":"m"}']],
    ["a number in a text column", ['{"id":1,"message":12}']],
    ["whitespace inside attributes", ['{"id":1,"additionalAttributes":{ "a" : 1 }}']],
    ["a fraction inside attributes", ['{"id":1,"additionalAttributes":{"a":1.5}}']],
    ["a key repeated inside attributes", ['{"id":1,"additionalAttributes":{"a":1,"a":2}}']],
    ["an escaped slash inside attributes", ['{"id":1,"additionalAttributes":{"a":"\\/"}}']],
    ["a nested id inside attributes", ['{"id":1,"additionalAttributes":{"id":2}}']],
    ["a digit-only key inside attributes", ['{"id":1,"additionalAttributes":{"2":1}}']],
    ["a string with a \\u escape as attributes", ['{"id":1,"additionalAttributes":"\\u0041"}']],
  ];
  for (const [name, events] of declined) {
    it(`leaves ${name} to the JavaScript scanner, with the same frame`, () => {
      assertTier(page(events), "js");
    });
  }

  it("leaves dates past 15 digits, and negative ones, to the plain parser (both scanners decline)", () => {
    for (const event of ['{"id":1,"eventDate":1781249727000000}', '{"id":1,"eventDate":-5}']) {
      assert.equal(new IpcScanner().read(page([event])), undefined, event);
    }
  });

  it("leaves pages without currentPageSize to the JavaScript scanner", () => {
    assertTier(Buffer.from(`{"response":[${FULL},${FULL}]}`), "js");
  });

  it("on random pages, reads with WebAssembly exactly what the JavaScript scanner reads", () => {
    const scanner = new IpcScanner();
    const tiers = { wasm: 0, js: 0 };
    for (let k = 0; k < 200; k++) {
      const r = seededRandom(20261122, 1000 + k);
      const body = randomPage(r, 1 + Math.floor(r() * 6));
      const read = scanner.read(body);
      assert.ok(read, `page ${k}`);
      tiers[read.tier]++;
      const got = pl.readIPCStream(Buffer.from(read.ipc));
      const want = jsFrame(body);
      for (const name of want.columns)
        assert.deepEqual(col(got, name), col(want, name), `page ${k}, ${name}`);
    }
    // Random text and attributes are mostly shapes the WebAssembly tier declines; some it reads.
    assert.ok(tiers.wasm >= 20 && tiers.js >= 20, `tiers ${JSON.stringify(tiers)}`);
  });

  it("stores a long value repeated in a page once (Utf8View), short ones inside their views", () => {
    const agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0.0.0";
    const events = Array.from(
      { length: 50 },
      (_, i) => `{"id":${i},"userAgent":"${i % 10 === 9 ? `${agent} ${i}` : agent}","hostName":"h${i % 3}"}`,
    );
    const wasm = WasmScanner.load()!;
    const scanner = new IpcScanner();
    const read = scanner.read(page(events));
    assert.equal(read?.tier, "wasm");
    const frame = pl.readIPCStream(Buffer.from(read.ipc));
    const agents = events.map((_, i) => (i % 10 === 9 ? `${agent} ${i}` : agent));
    assert.deepEqual(col(frame, "userAgent"), agents);
    // The 50 values hold 6 distinct ones: each is stored once.
    const rows = wasm.scan(pageFrameOf(page(events)))!;
    const userAgent = wasm.columns(rows)[EVENT_COLUMNS.findIndex((c) => c.name === "userAgent")]!;
    assert.equal(userAgent.data.length, [...new Set(agents)].join("").length);
    const hostName = wasm.columns(rows)[EVENT_COLUMNS.findIndex((c) => c.name === "hostName")]!;
    assert.equal(hostName.data.length, 0, "values of 12 bytes or fewer live in their views");
  });

  it("reads a page after one it declined, and after release()", () => {
    const scanner = new IpcScanner();
    assert.equal(scanner.read(page(['{"id":1,"unknown":1}']))?.tier, "js");
    assert.equal(scanner.read(page([FULL]))?.rows, 1);
    scanner.release();
    const read = scanner.read(page([FULL, FULL]));
    assert.equal(read?.tier, "wasm");
    assert.equal(read?.rows, 2);
  });
});
