import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors/validation-error.js";
import { DEFAULT_RULES } from "./default-rules.js";
import { readRules } from "./read-rules.js";

describe("readRules", () => {
  it("reads YAML and JSON, a list or { rules: [...] }; the default set round-trips", () => {
    assert.deepEqual(readRules("- { id: s, kind: self-grant, severity: critical }\n"), [
      { id: "s", kind: "self-grant", severity: "critical" },
    ]);
    assert.deepEqual(readRules(JSON.stringify({ rules: DEFAULT_RULES }), "rules.json"), DEFAULT_RULES);
  });

  it("names the line of every problem", () => {
    const text = [
      "rules:",
      "  - id: ok",
      "    kind: self-grant",
      "    severity: critical",
      "  - id: cw",
      "    kind: change-window",
      "    severity: urgent",
      "    timeZone: Mars/Olympus",
      "    days: [Mon, Funday]",
      '    hours: { from: "18:00", to: "08:00" }',
      "  - id: ok",
      "    kind: self-grant",
      "    severity: low",
      "  - id: b",
      "    kind: failed-sign-in-burst",
      "    severity: high",
      "    per: user",
      "    threshold: 1",
      "    minutes: 10",
    ].join("\n");
    assert.throws(
      () => readRules(text, "my-rules.yaml"),
      new ValidationError(
        [
          "The rule file my-rules.yaml has 7 problems:",
          'my-rules.yaml line 7: rule 2: severity must be one of low, medium, high, critical, got "urgent"',
          'my-rules.yaml line 8: rule 2: timeZone must be an IANA time zone such as Europe/Berlin or UTC, got "Mars/Olympus"',
          'my-rules.yaml line 9: rule 2: days must be a list of Mon, Tue, Wed, Thu, Fri, Sat, Sun, got ["Mon","Funday"]',
          'my-rules.yaml line 10: rule 2: hours must be a mapping { from: "HH:mm", to: "HH:mm" } with from before to, got {"from":"18:00","to":"08:00"}',
          'my-rules.yaml line 11: rule 3: the id "ok" is used twice',
          'my-rules.yaml line 17: rule 4: per must be account or address, got "user"',
          "my-rules.yaml line 18: rule 4: threshold must be a whole number from 2 to 100000, got 1",
        ].join("\n"),
      ),
    );
  });

  it("syntax errors and a wrong shape name the line", () => {
    assert.throws(
      () => readRules("- id: a\n  kind: [\n", "r.yaml"),
      /^ValidationError: The rule file r\.yaml has 1 problem:\nr\.yaml line 3: /,
    );
    assert.throws(
      () => readRules("hello: 1\n", "r.yaml"),
      /r\.yaml line 1: expected a list of rules, or \{ rules: \[\.\.\.\] \}/,
    );
    assert.throws(() => readRules("- 42\n", "r.yaml"), /r\.yaml line 1: rule 1 is not a mapping/);
  });
});
