import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { AnaplanFaults } from "../src/simulator/anaplan/anaplan-faults.js";
import type { FaultRule } from "../src/simulator/faults.js";
import { Harness, startSmallSimulator } from "./anaplan-helpers.js";
import { runSyncChild } from "./cli-child.js";

// The hostile cases that used to exhaust memory or loop forever, through the CLI (`sync`) in a
// child process with a 128 MB heap and a hard deadline: it must end by itself, quickly, with
// exit code 1, the typed error's code and numbers on stderr, and no secret in its output.

let h: Harness;
before(async () => {
  h = new Harness(await startSmallSimulator());
});
after(() => h.close());
beforeEach(() => h.reset());

const HEAP_MB = 128;
const DEADLINE_MS = 45_000;

async function syncAgainst(faults: AnaplanFaults, rules: FaultRule[] = []) {
  h.sim.anaplan.setFaults(faults);
  for (const rule of rules) h.sim.faults.add(rule);
  const { email, password, authUrl, auditUrl, apiUrl } = h.sim.anaplan.clientOptions;
  const result = await runSyncChild(
    {
      ANAPLAN_EMAIL: email,
      ANAPLAN_PASSWORD: password,
      ANAPLAN_AUTH_URL: authUrl,
      ANAPLAN_AUDIT_URL: auditUrl,
      ANAPLAN_API_URL: apiUrl,
    },
    { heapMb: HEAP_MB, deadlineMs: DEADLINE_MS },
  );
  assert.equal(
    result.signal,
    null,
    `killed at the deadline or by the heap cap: ${result.stderr.slice(-500)}`,
  );
  assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
  for (const text of [result.stdout, result.stderr]) {
    assert.ok(!text.includes(password), "the password leaked");
    assert.doesNotMatch(text, /AnaplanAuthToken [A-Za-z0-9_-]{20,}/);
    assert.doesNotMatch(text, /\n\s+at /, "no stack trace");
  }
  return result;
}

describe("hostile Anaplan server, CLI in a child process (128 MB heap, hard deadline)", () => {
  it("a totalSize of 2^53 - 1: refused with the numbers, no out-of-memory", async () => {
    const r = await syncAgainst({ hugeTotalSize: Number.MAX_SAFE_INTEGER });
    assert.match(r.stderr, /^epm-audit-kit sync: .*9007199254740991.* exceeds maxTotalSize \(10000000\)/);
  });

  it("no paging metadata and an ignored offset: ends at the repeated page, no endless loop", async () => {
    const r = await syncAgainst({ pagingMeta: "missing", ignoreOffset: true });
    assert.match(r.stderr, /^epm-audit-kit sync: .*returned the same page for offsets 0 and \d+/);
  });

  it("JSON nested 1,000,000 deep: refused unread with the limit", async () => {
    const r = await syncAgainst({ deepJson: 1_000_000 });
    assert.match(
      r.stderr,
      /^epm-audit-kit sync: .*nested deeper than 64 levels \(the kit's limit; an Anaplan page is about 4 deep\): refused unread/,
    );
  });
});
