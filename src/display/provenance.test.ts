import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  coverageStatus,
  describeDays,
  emptyMessage,
  type ProvenanceData,
  provenance,
  provenanceText,
  provenanceWarnings,
  type SourceProvenance,
} from "./provenance.js";

const requested = { from: "2026-10-01", to: "2026-10-31" };
const events: SourceProvenance = {
  key: "anaplanEvents",
  label: "Anaplan audit events",
  host: "audit.anaplan.com",
  status: "partial",
  covered: { from: "2026-10-07", to: "2026-10-31" },
  rows: 12_345,
  reason: "Anaplan keeps audit events for 30 days",
};
const users: SourceProvenance = {
  key: "anaplanUsers",
  label: "Anaplan users",
  host: "api.anaplan.com",
  status: "snapshot",
  covered: null,
  rows: 300,
};
const logins: SourceProvenance = {
  key: "userLogins",
  label: "Oracle EPM User Login report",
  host: "simulator",
  status: "complete",
  covered: requested,
  rows: 0,
};
const data: ProvenanceData = {
  kitVersion: "0.1.0",
  generatedAt: "2026-11-05T06:00:00.000Z",
  requested,
  sources: [events, users, logins],
};

describe("provenance", () => {
  it("states kit version, generation time, requested window and each source's host, coverage and status", () => {
    const html = provenance(data);
    assert.match(html, /<div class="kit-provenance kit-frame" data-kit-provenance>/);
    assert.match(
      html,
      /Generated <b>2026-11-05T06:00:00\.000Z<\/b> \(UTC\) by epm-audit-kit <b>0\.1\.0<\/b>/,
    );
    assert.match(html, /requested window <b>2026-10-01 → 2026-10-31 \(31 days, UTC\)<\/b>/);
    assert.match(
      html,
      /<tr><td>Anaplan audit events<\/td><td class="kit-host">audit\.anaplan\.com<\/td><td>2026-10-07 → 2026-10-31 \(25 days, UTC\)<\/td><td class="kit-num">12,345<\/td><td class="kit-bad">INCOMPLETE<\/td><\/tr>/,
    );
    assert.match(
      html,
      /<td>Anaplan users<\/td><td class="kit-host">api\.anaplan\.com<\/td><td>current state at generation<\/td>/,
    );
    assert.match(html, /<td class="kit-host">simulator<\/td>.*<td class="kit-ok">complete<\/td>/);
    const warnings = html.match(/<div class="kit-note kit-warn kit-gap" role="alert">[^<]*<\/div>/g) ?? [];
    assert.deepEqual(warnings, [
      '<div class="kit-note kit-warn kit-gap" role="alert">⚠ Anaplan audit events cover only 2026-10-07 → 2026-10-31 of the requested window: 2026-10-01 → 2026-10-06 (6 days, UTC) is missing (Anaplan keeps audit events for 30 days). Results for those days are incomplete.</div>',
    ]);
  });

  it("warns once per gap: a failed, a missing, an unread source and archive gaps; none when complete", () => {
    const warnings = provenanceWarnings({
      ...data,
      sources: [
        { ...logins, status: "failed", covered: null, reason: "HTTP 503" },
        { ...users, status: "missing", reason: "the archive holds no snapshot" },
        { ...logins, key: "x", label: "Oracle EPM Invalid Login report", status: "pending" },
        {
          ...events,
          covered: requested,
          gaps: [{ from: "2026-10-10", to: "2026-10-11" }],
          reason: undefined,
        },
      ],
    });
    assert.deepEqual(warnings, [
      "Oracle EPM User Login report could not be read (HTTP 503): every result from it is missing.",
      "Anaplan users: no data for the requested window (the archive holds no snapshot).",
      "Oracle EPM Invalid Login report was not read.",
      "Anaplan audit events have a gap: 2026-10-10 → 2026-10-11 (2 days, UTC) hold no data. Results for those days are incomplete.",
    ]);
    assert.deepEqual(provenanceWarnings({ ...data, sources: [logins, users] }), []);
    assert.doesNotMatch(provenance({ ...data, sources: [logins, users] }), /role="alert"/);
  });

  it("escapes every text, and shows a block even before any source is read", () => {
    const html = provenance({ ...data, sources: [{ ...logins, host: "<script>x</script>" }] });
    assert.match(html, /&lt;script&gt;x&lt;\/script&gt;/);
    assert.doesNotMatch(html, /<script>/);
    assert.match(provenance({ ...data, sources: [] }), /No source read yet\./);
  });

  it("as text: one line per source and a WARNING line per gap", () => {
    assert.equal(
      provenanceText(data),
      [
        "Generated 2026-11-05T06:00:00.000Z (UTC) by epm-audit-kit 0.1.0; requested 2026-10-01 → 2026-10-31 (31 days, UTC)",
        "- Anaplan audit events from audit.anaplan.com: 2026-10-07 → 2026-10-31 (25 days, UTC), INCOMPLETE",
        "- Anaplan users from api.anaplan.com: —, current state",
        "- Oracle EPM User Login report from simulator: 2026-10-01 → 2026-10-31 (31 days, UTC), complete",
        "WARNING: Anaplan audit events cover only 2026-10-07 → 2026-10-31 of the requested window: 2026-10-01 → 2026-10-06 (6 days, UTC) is missing (Anaplan keeps audit events for 30 days). Results for those days are incomplete.",
      ].join("\n"),
    );
  });
});

describe("coverageStatus and describeDays", () => {
  it("complete only when every requested day is covered without gaps", () => {
    assert.equal(coverageStatus(requested, requested), "complete");
    assert.equal(coverageStatus(requested, { from: "2026-10-01", to: "2026-10-30" }), "partial");
    assert.equal(coverageStatus(requested, requested, [{ from: "2026-10-03", to: "2026-10-03" }]), "partial");
    assert.equal(coverageStatus(requested, null), "missing");
    assert.equal(
      describeDays({ from: "2026-10-31", to: "2026-10-31" }),
      "2026-10-31 → 2026-10-31 (1 day, UTC)",
    );
  });
});

describe("emptyMessage", () => {
  it("says what is absent, over which days, and how complete the source is", () => {
    assert.equal(
      emptyMessage("failed sign-ins", requested, { ...events, status: "complete", covered: requested }),
      "No failed sign-ins in 2026-10-01 → 2026-10-31 (Anaplan audit events, complete).",
    );
    assert.equal(
      emptyMessage("failed sign-ins", requested, events),
      "No failed sign-ins in 2026-10-07 → 2026-10-31, the part of 2026-10-01 → 2026-10-31 that Anaplan audit events cover (INCOMPLETE: the other days were not read).",
    );
    assert.equal(
      emptyMessage("inactive accounts", requested, users),
      "No inactive accounts in 2026-10-01 → 2026-10-31 (Anaplan users, current state).",
    );
    assert.equal(
      emptyMessage("sign-ins", requested, { ...logins, status: "failed", covered: null }),
      "No sign-ins shown: Oracle EPM User Login report could not be read (FAILED).",
    );
    assert.equal(emptyMessage("sign-ins", requested, undefined), "No sign-ins in 2026-10-01 → 2026-10-31.");
  });
});
