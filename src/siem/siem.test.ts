import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eventsFrame } from "../../test/frames-support.js";
import { findings } from "../rules/findings.js";
import { cefExtensionValue, cefHeaderField, cefLine, parseCefLine } from "./cef.js";
import { newEvents, newFindings } from "./siem-cursor.js";
import { eventRecords, findingRecords } from "./siem-records.js";

describe("CEF", () => {
  it("escapes header fields (\\ and |) and extension values (\\, =, line breaks) as the standard says", () => {
    assert.equal(cefHeaderField("a|b\\c"), "a\\|b\\\\c");
    assert.equal(cefExtensionValue("x=1\\2\r\n|"), "x\\=1\\\\2\\r\\n|");
    const line = cefLine(
      {
        vendor: "Anaplan, Inc.",
        product: "Anaplan",
        version: "null",
        signature: "USR-8",
        name: "Login | ok",
        severity: 3,
      },
      { suser: "ann", msg: "a=b c=d\nnext", empty: "", none: null },
    );
    assert.equal(
      line,
      "CEF:0|Anaplan, Inc.|Anaplan|null|USR-8|Login \\| ok|3|suser=ann msg=a\\=b c\\=d\\nnext",
    );
    assert.deepEqual(parseCefLine(line), {
      header: ["Anaplan, Inc.", "Anaplan", "null", "USR-8", "Login | ok", "3"],
      extension: { suser: "ann", msg: "a=b c=d\nnext" },
    });
  });

  it("events as CEF in Anaplan's own shape, parseable back; JSON Lines keep every column", () => {
    const events = eventsFrame([
      {
        id: "9007199254740993",
        eventTypeId: "AUTHZ-3",
        userId: "u1",
        objectId: "u2",
        ipAddress: "10.0.0.1",
        eventDate: "2026-11-02T10:00:00Z",
      },
      { id: "2", eventTypeId: "USR-9", userId: "u3", success: false, eventDate: "2026-11-02T11:00:00Z" },
    ]);
    const [grant, failure] = eventRecords(events, "cef");
    const parsed = parseCefLine(grant!);
    assert.deepEqual(parsed.header, ["Anaplan, Inc.", "Anaplan", "null", "AUTHZ-3", "Role assigned", "7"]);
    assert.deepEqual(parsed.extension, {
      rt: String(Date.parse("2026-11-02T10:00:00Z")),
      externalId: "9007199254740993",
      suid: "u1",
      src: "10.0.0.1",
      outcome: "success",
      cs2Label: "objectId",
      cs2: "u2",
    });
    assert.equal(parseCefLine(failure!).header[5], "5");
    const json = eventRecords(events, "jsonl").map((l) => JSON.parse(l));
    assert.equal(json[0].id, "9007199254740993");
    assert.equal(json[0].eventDate, "2026-11-02T10:00:00.000Z");
    assert.equal(Object.keys(json[0]).length, events.width);
  });
});

describe("incremental export", () => {
  const batch = (rows: Array<[string, string]>) =>
    eventsFrame(rows.map(([id, at]) => ({ id, eventTypeId: "USR-8", userId: "u", eventDate: at })));

  it("sends each event once across runs, including a late event inside the 2-hour overlap", () => {
    const first = newEvents(
      batch([
        ["1", "2026-11-02T10:00:00Z"],
        ["2", "2026-11-02T11:00:00Z"],
      ]),
    );
    assert.deepEqual(first.fresh.getColumn("id").toArray(), ["1", "2"]);
    // The next run reads the same day again, plus a late event at 10:30 and a new one.
    const second = newEvents(
      batch([
        ["1", "2026-11-02T10:00:00Z"],
        ["3", "2026-11-02T10:30:00Z"],
        ["2", "2026-11-02T11:00:00Z"],
        ["4", "2026-11-02T12:00:00Z"],
      ]),
      first.next,
    );
    assert.deepEqual(second.fresh.getColumn("id").toArray(), ["3", "4"]);
    assert.deepEqual(second.next.events, {
      lastAt: Date.parse("2026-11-02T12:00:00Z"),
      recent: [
        ["3", Date.parse("2026-11-02T10:30:00Z")],
        ["2", Date.parse("2026-11-02T11:00:00Z")],
        ["4", Date.parse("2026-11-02T12:00:00Z")],
      ],
    });
    const third = newEvents(batch([["4", "2026-11-02T12:00:00Z"]]), second.next);
    assert.equal(third.fresh.height, 0);
    assert.equal(third.next, second.next);
  });

  it("sends each finding once; a finding that gains evidence is sent again as a new record", () => {
    const one = eventsFrame([
      { id: "1", eventTypeId: "AUTHZ-3", userId: "u1", objectId: "u1", eventDate: "2026-11-02T10:00:00Z" },
    ]);
    const two = eventsFrame([
      { id: "1", eventTypeId: "AUTHZ-3", userId: "u1", objectId: "u1", eventDate: "2026-11-02T10:00:00Z" },
      { id: "2", eventTypeId: "AUTHZ-3", userId: "u1", objectId: "u1", eventDate: "2026-11-03T10:00:00Z" },
    ]);
    const rules = [{ id: "self", kind: "self-grant" as const, severity: "critical" as const }];
    const a = newFindings(findings({ anaplanEvents: one }, rules).findings);
    assert.equal(a.fresh.height, 1);
    assert.equal(newFindings(findings({ anaplanEvents: one }, rules).findings, a.next).fresh.height, 0);
    const b = newFindings(findings({ anaplanEvents: two }, rules).findings, a.next);
    assert.equal(b.fresh.height, 1);
    const [line] = findingRecords(b.fresh, "cef", "0.2.0");
    assert.deepEqual(parseCefLine(line!).header, [
      "epm-audit-kit",
      "findings",
      "0.2.0",
      "self",
      "Changed their own access 2 times: Role assigned",
      "10",
    ]);
    assert.equal(parseCefLine(line!).extension.cnt, "2");
  });
});
