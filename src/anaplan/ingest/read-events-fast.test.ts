import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type pl from "nodejs-polars";
import { col, schemaOf } from "../../../test/anaplan-helpers.js";
import { parseEventsPagePlain } from "../parse/parse-events-page.js";
import { readEventsFast } from "./read-events-fast.js";

const bytes = (text: string) => Buffer.from(text, "utf8");
const page = (events: string[], meta = true) =>
  bytes(
    `{${meta ? `"meta":{"paging":{"currentPageSize":${events.length},"totalSize":999,"offSet":0}},` : ""}"response":[${events.join(",")}]}`,
  );

/** Asserts the fast path took the page (not a fallback) and made exactly the plain parser's frame. */
function assertSame(body: Uint8Array): pl.DataFrame {
  const fast = readEventsFast(body);
  assert.ok(fast, "the fast path should take this page");
  const plain = parseEventsPagePlain(body);
  assert.deepEqual(schemaOf(fast.frame), schemaOf(plain.frame));
  assert.equal(fast.frame.height, plain.frame.height);
  for (const name of fast.frame.columns) {
    assert.deepEqual(col(fast.frame, name), col(plain.frame, name), `column ${name}`);
  }
  assert.deepEqual(fast.paging, plain.paging);
  return fast.frame;
}

const FULL =
  '{"id":2598676438,"eventTypeId":"USR-8","userId":"8a8196a158539d600158b276856b0e5a","tenantId":"8a81969a515845e30151584d03830003","objectId":"8a8196a158539d600158b276856b0e5a","objectTypeId":"","objectTenantId":"8a81969a515845e30151584d03830003","message":"User login success","success":true,"errorNumber":"E1","ipAddress":"203.0.113.7","userAgent":"Mozilla/5.0 (X11)","sessionId":"s1","hostName":"h1","serviceVersion":"2.1","eventDate":1781249727000,"eventTimeZone":"UTC","createdDate":1781249728000,"createdTimeZone":"UTC","checksum":"1118902891","additionalAttributes":{"clientName":"Chrome"}}';

describe("readEventsFast", () => {
  it("equals the plain parser on a full event, ids past 2^53 and up to 2^63-1", () => {
    const frame = assertSame(
      page([
        FULL,
        '{"id":9007199254740993,"eventTypeId":"AUTHZ-3","eventDate":1781249800000}',
        '{"id":1389498298478657537,"eventTypeId":"USR-9","eventDate":1781249900000}',
        '{"id":9223372036854775807,"eventTypeId":"USR-9","eventDate":1781249900001}',
      ]),
    );
    assert.deepEqual(col(frame, "id"), [
      "2598676438",
      "9007199254740993",
      "1389498298478657537",
      "9223372036854775807",
    ]);
    assert.deepEqual(col(frame, "eventDate")[0], "2026-06-12T07:35:27.000Z");
  });

  it("keeps null, absent and empty attributes apart from objects, arrays and scalars", () => {
    const frame = assertSame(
      page([
        '{"id":1,"additionalAttributes":null}',
        '{"id":2}',
        '{"id":3,"additionalAttributes":{}}',
        '{"id":4,"additionalAttributes":[]}',
        '{"id":5,"additionalAttributes":{"a":[1,{"b":null}],"c":true,"d":false}}',
        '{"id":6,"additionalAttributes":"plain text"}',
        '{"id":7,"additionalAttributes":42}',
        '{"id":8,"additionalAttributes":true}',
        '{"id":9,"additionalAttributes":{"n":-12,"z":0}}',
      ]),
    );
    assert.deepEqual(col(frame, "additionalAttributes"), [
      null,
      null,
      "{}",
      "[]",
      '{"a":[1,{"b":null}],"c":true,"d":false}',
      '"plain text"',
      "42",
      "true",
      '{"n":-12,"z":0}',
    ]);
  });

  it("keeps unicode, escaped quotes, backslashes and control escapes exactly", () => {
    const frame = assertSame(
      page([
        String.raw`{"id":1,"message":"Zoë \"quoted\" \\ back\\slash\ttab\nline é 日本 😀","userAgent":"a\/b \u00e9 \u0007","additionalAttributes":{"clientName":"Zoë \"q\" \\ 😀 \n","k\"ey":"\\\""}}`,
        String.raw`{"id":2,"message":"x{\"id\":3}","additionalAttributes":{"s":"},{\"x\":1}"}}`,
      ]),
    );
    assert.deepEqual(col(frame, "message"), [
      'Zoë "quoted" \\ back\\slash\ttab\nline é 日本 😀',
      'x{"id":3}',
    ]);
    assert.deepEqual(col(frame, "userAgent"), ["a/b é \u0007", null]);
    assert.deepEqual(col(frame, "additionalAttributes"), [
      '{"clientName":"Zoë \\"q\\" \\\\ 😀 \\n","k\\"ey":"\\\\\\""}',
      '{"s":"},{\\"x\\":1}"}',
    ]);
  });

  it("keeps attributes exactly as sent: whitespace, number forms, escapes, key order, nested ids", () => {
    const events = [
      '{ "spaced" : [ 1 , 2 ] }',
      '{"f":1.50,"e":1e3,"neg":-0,"big":12345678901234567890}',
      String.raw`{"u":"\u00e9\/","ctl":"\u001f"}`,
      '{"b":1,"2":2,"a":3}',
      '{"id":77,"nested":{"id":78}}',
      "1.5",
    ];
    const frame = assertSame(
      page([
        '{"id":1,"additionalAttributes":{ "spaced" : [ 1 , 2 ] }}',
        '{"id":2,"additionalAttributes":{"f":1.50,"e":1e3,"neg":-0,"big":12345678901234567890}}',
        String.raw`{"id":3,"additionalAttributes":{"u":"\u00e9\/","ctl":"\u001f"}}`,
        '{"id":4,"additionalAttributes":{"b":1,"2":2,"a":3}}',
        '{"id":5,"additionalAttributes":{"id":77,"nested":{"id":78}}}',
        '{"id":6,"additionalAttributes":1.5}',
      ]),
    );
    assert.deepEqual(col(frame, "additionalAttributes"), events);
  });

  it("keeps repeated attribute keys as sent, at any depth", () => {
    const frame = assertSame(
      page([
        '{"id":1,"additionalAttributes":{"a":1,"a":2}}',
        '{"id":2,"additionalAttributes":{"a":{"c":1,"c":[1]},"b":[{"d":1,"e":2,"d":3}]}}',
        '{"id":3,"additionalAttributes":{"a":{"x":1},"b":{"x":1},"c\\"":1,"c\\"":2}}',
        '{"id":4,"additionalAttributes":{"k":1,"kk":2,"kkk":3}}',
      ]),
    );
    assert.deepEqual(col(frame, "additionalAttributes"), [
      '{"a":1,"a":2}',
      '{"a":{"c":1,"c":[1]},"b":[{"d":1,"e":2,"d":3}]}',
      '{"a":{"x":1},"b":{"x":1},"c\\"":1,"c\\"":2}',
      '{"k":1,"kk":2,"kkk":3}',
    ]);
  });

  it("takes objects in unknown keys, and object-like text, on the fast path", () => {
    assertSame(
      page([
        String.raw`{"id":1,"other":{"note":{"a":1}},"message":"{\"a\":1}","userAgent":":{x","x\\":{"y":[]}}`,
        String.raw`{"id":2,"additionalAttributes":{"message":{"userId":[1]}},"hostName":"h\":{"}`,
      ]),
    );
  });

  it("reads absent columns as null, ignores unknown keys, and keeps key order irrelevant", () => {
    const frame = assertSame(
      page([
        '{"eventDate":1781249727000,"id":1,"unknown":{"x":[1,2]},"success":false,"extra":"y"}',
        '{"success":null,"id":2,"additionalAttributes":{"a":1},"message":"m"}',
      ]),
    );
    assert.deepEqual(col(frame, "success"), [false, null]);
  });

  it("returns a zero-row frame with the full schema for an empty page, with or without meta", () => {
    assert.equal(assertSame(page([])).height, 0);
    assert.equal(assertSame(page([], false)).height, 0);
    assert.equal(assertSame(bytes('{"meta":{"paging":{"totalSize":0}},"response":[ ]}')).height, 0);
  });

  it("reads pages without meta and with the lowercase offset spelling", () => {
    assertSame(page([FULL], false));
    assertSame(bytes(`{"meta":{"paging":{"offset":40,"totalSize":41}},"response":[${FULL}]}`));
  });

  const taken: Array<[string, string]> = [
    ["a pretty-printed page", `{\n "response": [\n  ${FULL},\n  ${FULL}\n ]\n}`],
    ["spaces between events", `{"response":[${FULL}, ${FULL}]}`],
    ["an event split mark inside a string", String.raw`{"response":[{"id":1,"message":"},{\"id\":3}"}]}`],
    ["an object inside an array of another field", '{"response":[{"id":1,"list":[{"a":1},{"b":2}]}]}'],
    ["an object in a text column", '{"response":[{"id":1,"message":{"a":1,"id":2}}]}'],
    ["an array in a text column", '{"response":[{"id":1},{"id":2,"userAgent":["x", 1]}]}'],
    ["an object after whitespace in a text column", '{"response":[{"id":1,"checksum": \t{"a":1}}]}'],
    ["a nested key named like a text column", '{"response":[{"id":1,"other":{"message":{}}}]}'],
    [
      "an object in a text column after the attributes",
      '{"response":[{"id":1,"additionalAttributes":{"a":{}},"hostName":{}}]}',
    ],
    ["escaped surrogate pairs", String.raw`{"response":[{"id":1,"message":"\ud83d\ude00 \u00e9\u0000"}]}`],
    ["an escaped key", String.raw`{"response":[{"id":1,"mess\u0061ge":"m","\u0078":1}]}`],
    [
      "numbers and literals in text columns",
      '{"response":[{"id":1,"message":12,"userAgent":true,"checksum":1.50}]}',
    ],
    ["a negative id and a null id", '{"response":[{"id":-7,"eventDate":1},{"id":null,"eventDate":2}]}'],
  ];
  for (const [name, text] of taken) {
    it(`takes ${name} on the fast path, with the plain parser's values`, () => {
      assertSame(bytes(text));
    });
  }

  const fallbacks: Array<[string, string | Buffer]> = [
    ["response before meta", `{"response":[${FULL}],"meta":{"paging":{"totalSize":1}}}`],
    ["an id past Int64", '{"response":[{"id":9223372036854775808}]}'],
    ["an id sent as text", '{"response":[{"id":"12"}]}'],
    ["an id with a leading zero", '{"response":[{"id":012}]}'],
    ["an id with a fraction", '{"response":[{"id":12.0}]}'],
    ["ISO dates", '{"response":[{"id":1,"eventDate":"2026-06-12T07:35:27.000+0000"}]}'],
    ["flags as text", '{"response":[{"id":1,"success":"true"}]}'],
    ["a lone escaped surrogate", String.raw`{"response":[{"id":1,"message":"\ud83d x"}]}`],
    ["a key twice in one event", '{"response":[{"id":1,"message":"a","message":"b"}]}'],
    [
      "invalid UTF-8",
      Buffer.concat([bytes('{"response":[{"id":1,"message":"'), Buffer.from([0xff]), bytes('"}]}')]),
    ],
    ["a raw control character in text", '{"response":[{"id":1,"message":"a\u0001b"}]}'],
    ["a trailing comma", `{"response":[${FULL},]}`],
    [
      "a row count that disagrees with currentPageSize",
      `{"meta":{"paging":{"currentPageSize":2}},"response":[${FULL}]}`,
    ],
    [
      "a currentPageSize far beyond what the bytes hold (no room is made for it)",
      `{"meta":{"paging":{"currentPageSize":4000000000}},"response":[${FULL}]}`,
    ],
    ["a row that is not an object", `{"response":[${FULL},5]}`],
    ["a truncated body", page([FULL, FULL]).toString().slice(0, 300)],
    ["an HTML page", "<html><body>502</body></html>"],
    ["invalid JSON inside attributes", '{"response":[{"id":1,"additionalAttributes":{"a":}}]}'],
  ];
  for (const [name, text] of fallbacks) {
    it(`leaves ${name} to the plain parser (returns undefined)`, () => {
      assert.equal(readEventsFast(typeof text === "string" ? bytes(text) : text), undefined);
    });
  }

  it("does not modify the bytes it was given", () => {
    const body = page([FULL, FULL]);
    const copy = Buffer.from(body);
    readEventsFast(body);
    assert.deepEqual(body, copy);
  });
});
