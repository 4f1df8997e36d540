// Hostile EPM answers against a client in a child process capped at 128 MB of heap and a hard
// deadline: the zip bombs and the deeply nested JSON end in the typed error, not in an
// out-of-memory crash, a RangeError or a hang; nothing secret reaches stdout or stderr.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, afterEach, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { EpmSimFaults } from "../src/simulator/epm/epm-sim-faults.js";
import type { Simulator } from "../src/simulator/start-simulator.js";
import { NOW, startEpmSimulator } from "./epm-helpers.js";

const CHILD = fileURLToPath(new URL("./epm-hostile-child.ts", import.meta.url));
const DEADLINE_MS = 60_000;

let sim: Simulator;
before(async () => {
  sim = await startEpmSimulator();
});
afterEach(() => sim.epm.setFaults({}));
after(() => sim.close());

interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  result: { name?: string; code?: string; message?: string; height?: number; heapMB?: number };
}

/** Runs one report in `node --max-old-space-size=128`, killed (SIGKILL) past the deadline. */
function runChild(report: string, faults: EpmSimFaults): Promise<ChildOutcome> {
  sim.epm.setFaults(faults);
  const { now: _now, ...options } = sim.epm.clientOptions;
  const child = spawn(process.execPath, ["--max-old-space-size=128", "--import", "tsx", CHILD], {
    env: {
      ...process.env,
      EPM_CHILD_OPTIONS: JSON.stringify(options),
      EPM_CHILD_NOW: String(Date.parse(NOW)),
      EPM_CHILD_REPORT: report,
    },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: DEADLINE_MS,
    killSignal: "SIGKILL",
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d;
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
      resolve({ code, signal, stdout, stderr, result: line ? JSON.parse(line.slice(7)) : {} });
    });
  });
}

function assertClean(outcome: ChildOutcome): void {
  assert.equal(
    outcome.signal,
    null,
    `killed at the deadline or by the system: ${outcome.stderr.slice(-500)}`,
  );
  assert.equal(outcome.code, 0, outcome.stderr.slice(-1000));
  for (const secret of [sim.epm.credentials.password, sim.epm.token]) {
    assert.ok(!outcome.stdout.includes(secret) && !outcome.stderr.includes(secret), "a secret leaked");
  }
}

test("child, 128 MB heap: a 1 GiB zip bomb declared honestly is refused from its directory", async () => {
  const outcome = await runChild("userGroups", { zipContent: "bomb" });
  assertClean(outcome);
  assert.equal(outcome.result.name, "PayloadError");
  assert.equal(outcome.result.code, "E_PAYLOAD");
  assert.match(
    outcome.result.message ?? "",
    /^User Group report arrived as a zip whose "UserGroup_[^"]+\.csv" declares 1073741824 bytes inflated, more than the 134217728 allowed \(maxInflatedBytes\); nothing was inflated\./,
  );
});

test("child, 128 MB heap: a 1 GiB zip bomb whose directory lies stops at the declared size", async () => {
  const outcome = await runChild("roleAssignments", { zipContent: "lyingSize" });
  assertClean(outcome);
  assert.equal(outcome.result.name, "PayloadError");
  assert.equal(outcome.result.code, "E_PAYLOAD");
  assert.match(
    outcome.result.message ?? "",
    /^Role Assignment report arrived as a zip that cannot be trusted: its "RoleAssignment_[^"]+\.csv" inflates past the \d+ bytes its directory declares \(stopped at \d+ bytes\)/,
  );
  const stopped = Number(/stopped at (\d+) bytes/.exec(outcome.result.message ?? "")![1]);
  assert.ok(stopped < 32 * 1024 * 1024, `stopped at ${stopped} bytes`);
});

test("child, 128 MB heap: a job status nested 4 000 000 deep is a PayloadError, not a RangeError", async () => {
  const outcome = await runChild("invalidLogins", { deepJson: 4_000_000 });
  assertClean(outcome);
  assert.equal(outcome.result.name, "PayloadError");
  assert.equal(outcome.result.code, "E_PAYLOAD");
  assert.match(
    outcome.result.message ?? "",
    /^Oracle EPM Invalid Login report job answered JSON nested more than 64 levels deep \(level 65 opens at byte \d+\)/,
  );
});

test("child, 128 MB heap: the honest report still arrives whole", async () => {
  const outcome = await runChild("userGroups", { zipContent: "csv" });
  assertClean(outcome);
  assert.equal(outcome.result.height, sim.epm.expectedRows("userGroups").length);
});
