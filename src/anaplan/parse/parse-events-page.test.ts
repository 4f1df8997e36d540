import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { col as columnOf, schemaOf } from "../../../test/anaplan-helpers.js";
import { PayloadError } from "../../errors/payload-error.js";
import { ANAPLAN_EVENT_SCHEMA } from "../schemas.js";
import { parseEventsPage } from "./parse-events-page.js";

const bytes = (text: string) => Buffer.from(text, "utf8");
const S = "DataType(String)";
const T = "DataType(Datetime(ms,UTC))";
const expectedSchema = [
  `id:${S}`,
  `eventTypeId:${S}`,
  `userId:${S}`,
  `tenantId:${S}`,
  `objectId:${S}`,
  `objectTypeId:${S}`,
  `objectTenantId:${S}`,
  `message:${S}`,
  "success:DataType(Bool)",
  `errorNumber:${S}`,
  `ipAddress:${S}`,
  `userAgent:${S}`,
  `sessionId:${S}`,
  `hostName:${S}`,
  `serviceVersion:${S}`,
  `eventDate:${T}`,
  `createdDate:${T}`,
  `eventTimeZone:${S}`,
  `createdTimeZone:${S}`,
  `checksum:${S}`,
  `additionalAttributes:${S}`,
];

const PAGE = `{
  "meta": { "paging": { "currentPageSize": 3, "totalSize": 263, "offSet": 20, "nextOffset": 23,
    "nextUrl": "https://audit.anaplan.com/audit/api/1/events?limit=3&offset=23" } },
  "response": [
    { "id": 1389498298478657537, "eventTypeId": "USR-8", "userId": "8a8196a158539d600158b276856b0e5a",
      "tenantId": "8a81969a515845e30151584d03830003", "objectId": "8a8196a158539d600158b276856b0e5a",
      "objectTenantId": "8a81969a515845e30151584d03830003", "message": "User login success",
      "success": true, "ipAddress": "203.0.113.7", "userAgent": "Mozilla/5.0", "hostName": "h1",
      "eventDate": 1781249727000, "eventTimeZone": "UTC", "createdDate": 1781249728000,
      "createdTimeZone": "UTC", "checksum": "1118902891",
      "additionalAttributes": { "clientName": "Chrome", "id": 5 } },
    { "id": 2598676438, "eventTypeId": "USR-9", "userId": "INTERNAL_7", "message": "User login failure",
      "success": false, "errorNumber": "E1", "eventDate": 1781249800000, "additionalAttributes": null },
    {"id":9007199254740993,"eventTypeId":"AUTHZ-3","objectTypeId":"","sessionId":"s-1","serviceVersion":"2.1","eventDate":1781249900000}
  ]
}`;

describe("parseEventsPage", () => {
  it("builds the exact frame, keeping ids past 2^53 digit for digit", () => {
    const { frame, paging } = parseEventsPage(bytes(PAGE));
    assert.deepEqual(schemaOf(frame), expectedSchema);
    const col = (name: string) => columnOf(frame, name);
    assert.deepEqual(col("id"), ["1389498298478657537", "2598676438", "9007199254740993"]);
    assert.deepEqual(col("eventTypeId"), ["USR-8", "USR-9", "AUTHZ-3"]);
    assert.deepEqual(col("userId"), ["8a8196a158539d600158b276856b0e5a", "INTERNAL_7", null]);
    assert.deepEqual(col("tenantId"), ["8a81969a515845e30151584d03830003", null, null]);
    assert.deepEqual(col("objectTypeId"), [null, null, ""]);
    assert.deepEqual(col("message"), ["User login success", "User login failure", null]);
    assert.deepEqual(col("success"), [true, false, null]);
    assert.deepEqual(col("errorNumber"), [null, "E1", null]);
    assert.deepEqual(col("sessionId"), [null, null, "s-1"]);
    assert.deepEqual(col("serviceVersion"), [null, null, "2.1"]);
    assert.deepEqual(col("hostName"), ["h1", null, null]);
    assert.deepEqual(col("eventDate"), [
      "2026-06-12T07:35:27.000Z",
      "2026-06-12T07:36:40.000Z",
      "2026-06-12T07:38:20.000Z",
    ]);
    assert.deepEqual(col("createdDate"), ["2026-06-12T07:35:28.000Z", null, null]);
    assert.deepEqual(col("eventTimeZone"), ["UTC", null, null]);
    assert.deepEqual(col("checksum"), ["1118902891", null, null]);
    // explicit null and absent attributes are both null; nested ids are quoted (never rounded)
    assert.deepEqual(col("additionalAttributes"), ['{ "clientName": "Chrome", "id": 5 }', null, null]);
    assert.deepEqual(paging, { currentPageSize: 3, totalSize: 263, offset: 20, nextOffset: 23 });
  });

  it("exports the schema in DESIGN.md column order", () => {
    assert.deepEqual(
      Object.entries(ANAPLAN_EVENT_SCHEMA).map(([k, v]) => `${k}:${String(v)}`),
      expectedSchema,
    );
  });

  it("returns a zero-row frame with the full schema for an empty page", () => {
    const { frame, paging } = parseEventsPage(
      bytes('{"meta":{"paging":{"currentPageSize":0,"totalSize":0,"offSet":0}},"response":[]}'),
    );
    assert.equal(frame.height, 0);
    assert.deepEqual(schemaOf(frame), expectedSchema);
    assert.deepEqual(paging, { currentPageSize: 0, totalSize: 0, offset: 0, nextOffset: undefined });
  });

  it("reads a body without meta and the lowercase offset spelling", () => {
    assert.deepEqual(parseEventsPage(bytes('{"response":[]}')).paging, {
      currentPageSize: undefined,
      totalSize: undefined,
      offset: undefined,
      nextOffset: undefined,
    });
    assert.equal(parseEventsPage(bytes('{"meta":{"paging":{"offset":40}},"response":[]}')).paging.offset, 40);
  });

  it("keeps ids that arrive as text, and a BOM before the JSON", () => {
    const { frame } = parseEventsPage(bytes('\uFEFF{"response":[{"id":"77","eventDate":"1781249727000"}]}'));
    assert.deepEqual(frame.getColumn("id").toArray(), ["77"]);
    assert.equal((frame.getColumn("eventDate").toArray()[0] as unknown as Date).getTime(), 1781249727000);
  });

  it("does not touch an id-like key inside a string value", () => {
    const { frame } = parseEventsPage(
      bytes('{"response":[{"id":1,"message":"x,\\"id\\":123456789012345678901}"}]}'),
    );
    assert.deepEqual(frame.getColumn("message").toArray(), ['x,"id":123456789012345678901}']);
  });

  const bad: Array<[string, string, RegExp]> = [
    ["an HTML page", "<html><head><title>502 Bad Gateway</title></head><body>x</body></html>", /HTML page/],
    ["truncated JSON", PAGE.slice(0, Math.floor(PAGE.length / 2)), /cut short \(truncated body\?\)/],
    ["malformed JSON", '{"response": [ {"id": 1,, } ]}', /JSON is malformed/],
    ["an empty body", "", /body is empty/],
    [
      "no response array",
      '{"meta":{},"status":"SUCCESS"}',
      /"response" array but it has none \(keys: meta, status\)/,
    ],
    ["a response that is not an array", '{"response":{"id":1}}', /but it has a object/],
    ["a row that is not an object", '{"response":[{"id":1}, 5]}', /item 1 is number/],
    ["a JSON array body", "[]", /but got an array/],
  ];
  for (const [name, body, message] of bad) {
    it(`throws a PayloadError, never a partial frame, for ${name}`, () => {
      assert.throws(
        () => parseEventsPage(bytes(body)),
        (error: unknown) => {
          assert.ok(error instanceof PayloadError);
          assert.equal(error.code, "E_PAYLOAD");
          assert.match(error.message, message);
          assert.match(error.message, /Retry; if it persists/);
          return true;
        },
      );
    });
  }
});
