import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  ANAPLAN_EVENT_CATALOG,
  ANAPLAN_EVENT_TYPE_FILTERS,
  anaplanEventCode,
  anaplanEventName,
  PRIVILEGED_ANAPLAN_EVENT_CODES,
} from "./event-catalog.js";
import { ANAPLAN_EVENT_CODES_CSV } from "./event-catalog-csv.js";

const repo = join(import.meta.dirname, "..", "..");

describe("the Anaplan event catalogue", () => {
  it("is the shipped CSV verbatim: 231 codes, unique, 33 privileged", () => {
    assert.equal(
      ANAPLAN_EVENT_CODES_CSV,
      readFileSync(join(repo, "data", "anaplan-event-codes.csv"), "utf8"),
    );
    assert.equal(ANAPLAN_EVENT_CATALOG.length, 231);
    assert.equal(new Set(ANAPLAN_EVENT_CATALOG.map((e) => e.code)).size, 231);
    assert.equal(PRIVILEGED_ANAPLAN_EVENT_CODES.length, 33);
    const perCategory: Record<string, number> = {};
    for (const e of ANAPLAN_EVENT_CATALOG) perCategory[e.category] = (perCategory[e.category] ?? 0) + 1;
    assert.deepEqual(perCategory, {
      user_activity: 69,
      access_control: 9,
      conn_mgmt: 7,
      int: 22,
      comment: 3,
      byok: 44,
      plan_iq: 15,
      forecaster: 39,
      workflow: 20,
      oauth: 3,
    });
  });

  it("reads quoted names with commas, and the privileged flag", () => {
    assert.deepEqual(anaplanEventCode("USR-13"), {
      code: "USR-13",
      name: "User access to model, success",
      category: "user_activity",
      privileged: false,
    });
    assert.deepEqual(anaplanEventCode("AUTHZ-3"), {
      code: "AUTHZ-3",
      name: "Role assigned",
      category: "access_control",
      privileged: true,
    });
    assert.equal(anaplanEventName("USR-8"), "User login success");
    assert.equal(anaplanEventName("USR-9"), "User login failure");
    assert.equal(anaplanEventName("USR-999"), "(unknown event code)");
    assert.equal(anaplanEventCode("usr-8"), undefined);
    assert.deepEqual(
      PRIVILEGED_ANAPLAN_EVENT_CODES.filter((c) => !c.startsWith("DSM-")),
      [
        "USR-1",
        "USR-2",
        "USR-3",
        "USR-4",
        "USR-15",
        "USR-17",
        "USR-21",
        "USR-22",
        "USR-23",
        "USR-24",
        "USR-25",
        "USR-29",
        "USR-30",
        "USR-31",
        "USR-50",
        "USR-57",
        "USR-58",
        "USR-71",
        "AUTHZ-3",
        "AUTHZ-6",
        "CONN-1",
        "CONN-2",
        "CONN-3",
        "CONN-4",
        "CONN-5",
        "CONN-6",
        "CONN-7",
      ],
    );
    assert.ok(Object.isFrozen(ANAPLAN_EVENT_CATALOG) && Object.isFrozen(ANAPLAN_EVENT_CATALOG[0]));
  });

  it("lists the documented type filter values; every filtered family is a catalogue category", () => {
    const categories = new Set(ANAPLAN_EVENT_CATALOG.map((e) => e.category));
    for (const f of ANAPLAN_EVENT_TYPE_FILTERS) {
      if (f.value === "all") continue;
      assert.ok(categories.has(f.value), f.value);
      const codes = ANAPLAN_EVENT_CATALOG.filter((e) => e.category === f.value).map((e) => e.code);
      assert.ok(
        codes.every((c) => c.startsWith(f.prefix)),
        `${f.value} codes start with ${f.prefix}`,
      );
    }
  });
});
