import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { Simulator } from "../src/simulator/start-simulator.js";
import { anaplanProvider, startOAuthSimulator, storedLogin, tempStore } from "./oauth-helpers.js";

const CHILD = fileURLToPath(new URL("oauth-refresh-child.ts", import.meta.url));
const TSX = fileURLToPath(new URL("../node_modules/tsx/dist/loader.mjs", import.meta.url));

let sim: Simulator;
before(async () => {
  sim = await startOAuthSimulator();
});
after(() => sim.close());

function runChild(
  store: string,
  killAt: string,
): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  const { authUrl, auditUrl, apiUrl } = sim.anaplan.urls;
  const child = spawn(
    process.execPath,
    ["--import", TSX, CHILD, store, authUrl, auditUrl, apiUrl, String(sim.clock.now()), killAt],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err });
    }),
  );
}

/**
 * Kill points of a refresh, in order: the server has rotated the token but nothing is written
 * ("refreshed"); the new file is written and synced but not renamed ("temp-written"); renamed.
 */
const CASES = [
  { killAt: "temp-written", next: "works" },
  { killAt: "renamed", next: "works" },
  { killAt: "refreshed", next: "login again" },
] as const;

describe("a process killed during a refresh-token rotation", () => {
  for (const { killAt, next } of CASES) {
    it(`killed at ${killAt}: the file stays whole and the next run ${next === "works" ? "uses the rotated token" : "says to log in again"}`, async () => {
      const temp = tempStore();
      try {
        await storedLogin(sim, anaplanProvider(sim), temp.store);
        const firstRefresh = JSON.parse(readFileSync(temp.store.path, "utf8")).profiles.anaplan
          .refreshToken as string;
        sim.clock.advance(36 * 60_000);
        const killed = await runChild(temp.store.path, killAt);
        assert.equal(killed.signal, "SIGKILL", killed.err);
        const refused = sim.oauth.anaplan.counters.refusedRefreshes;
        const again = await runChild(temp.store.path, "none");
        const users = `users ${sim.anaplan.users().length}\n`;
        if (next === "works") {
          assert.deepEqual([again.code, again.out], [0, users], again.err);
          assert.equal(sim.oauth.anaplan.counters.refusedRefreshes - refused, 0);
        } else {
          // The server spent the old token and the new one died with the process: the one
          // window no client can close. The next run says so plainly and exits 1.
          assert.equal(again.code, 1);
          assert.match(again.err, /^E_AUTH: .*run `epm-audit-kit login anaplan` again/);
          assert.ok(!again.err.includes(firstRefresh));
        }
        const file = JSON.parse(readFileSync(temp.store.path, "utf8"));
        assert.equal(file.version, 1);
        assert.deepEqual(readdirSync(dirname(temp.store.path)).sort(), ["credentials.json"]);
      } finally {
        temp.cleanup();
      }
    });
  }
});
