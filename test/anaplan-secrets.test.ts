import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { inspect } from "node:util";
import { isKitError } from "../src/errors/kit-error.js";
import { Harness, startSmallSimulator } from "./anaplan-helpers.js";
import { ROOT, runSyncChild } from "./cli-child.js";

// Key, password and token material is never echoed, whatever its shape: through the client
// (error message, stack, inspect, JSON, logged warnings) and through the CLI in a child process
// (stdout and stderr).

const fixture = (name: string) => join(ROOT, "test/fixtures/anaplan-cert", name);
const CERT = readFileSync(fixture("cert.pem"), "utf8");
const KEY = readFileSync(fixture("key.pem"), "utf8");
const KEY_BODY = KEY.split("\n").filter((l) => l && !l.startsWith("-----"));

/** A malformed secret, and the pieces of it that must never appear. */
interface Case {
  name: string;
  options: Record<string, string>;
  env: Record<string, string>;
  secrets: string[];
  code: string;
}

const password = "line-one-Secret\nline-two-Secret";
const token = "tokpartone-Secret tokparttwo-Secret tokpartthree-Secret";
const garbage = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWg==".repeat(4);
const truncated = KEY.slice(0, Math.floor(KEY.length / 2));
const CASES: Case[] = [
  {
    name: "a private key without its PEM header",
    options: { certificate: CERT, privateKey: KEY_BODY.join("\n") },
    env: { ANAPLAN_CERTIFICATE: fixture("cert.pem"), ANAPLAN_PRIVATE_KEY: KEY_BODY.join("\n") },
    secrets: [KEY_BODY.join("\n"), ...KEY_BODY.filter((l) => l.length >= 20)],
    code: "E_VALIDATION",
  },
  {
    name: "a private key without header on one line",
    options: { certificate: CERT, privateKey: KEY_BODY.join("") },
    env: { ANAPLAN_CERTIFICATE: fixture("cert.pem"), ANAPLAN_PRIVATE_KEY: KEY_BODY.join("") },
    secrets: [KEY_BODY.join("").slice(0, 40), ...KEY_BODY.filter((l) => l.length >= 20)],
    code: "E_VALIDATION",
  },
  {
    name: "a truncated private key",
    options: { certificate: CERT, privateKey: truncated },
    env: { ANAPLAN_CERTIFICATE: fixture("cert.pem"), ANAPLAN_PRIVATE_KEY: truncated },
    secrets: KEY_BODY.slice(0, 8).filter((l) => l.length >= 20),
    code: "E_VALIDATION",
  },
  {
    name: "base64 garbage as the key",
    options: { certificate: CERT, privateKey: garbage },
    env: { ANAPLAN_CERTIFICATE: fixture("cert.pem"), ANAPLAN_PRIVATE_KEY: garbage },
    secrets: [garbage.slice(0, 40)],
    code: "E_VALIDATION",
  },
  {
    name: "a wrong password with newlines",
    options: { email: "auditor@example.com", password },
    env: { ANAPLAN_EMAIL: "auditor@example.com", ANAPLAN_PASSWORD: password },
    secrets: [password, "line-one-Secret", "line-two-Secret"],
    code: "E_AUTH",
  },
  {
    name: "a token with spaces",
    options: { token },
    env: { ANAPLAN_TOKEN: token },
    secrets: [token, "tokpartone-Secret", "tokparttwo-Secret", "tokpartthree-Secret"],
    code: "E_AUTH",
  },
];

let h: Harness;
before(async () => {
  h = new Harness(await startSmallSimulator({ certificates: [CERT] }));
});
after(() => h.close());

function assertClean(texts: string[], secrets: string[], where: string): void {
  for (const text of texts) {
    for (const secret of secrets) {
      assert.ok(
        !text.includes(secret),
        `${where}: secret ${JSON.stringify(secret.slice(0, 12))}… in ${text.slice(0, 300)}`,
      );
    }
  }
}

describe("secrets of any shape are never echoed", () => {
  for (const c of CASES) {
    it(`through the client: ${c.name}`, async () => {
      const warnings: string[] = [];
      const client = h.client({
        ...c.options,
        log: { warn: (m) => warnings.push(m), debug: (m) => warnings.push(m) },
      });
      await assert.rejects(client.audit.getEvents(1), (e: unknown) => {
        assert.ok(isKitError(e), inspect(e));
        assert.equal(e.code, c.code, e.message);
        assertClean(
          [String(e), e.message, e.stack ?? "", inspect(e, { depth: 8 }), JSON.stringify(e)],
          c.secrets,
          "error",
        );
        return true;
      });
      assertClean(warnings, c.secrets, "log");
    });
  }

  for (const c of CASES) {
    it(`through the sync CLI in a child process: ${c.name}`, async () => {
      const urls = h.sim.anaplan.urls;
      const result = await runSyncChild(
        {
          ...c.env,
          ANAPLAN_AUTH_URL: urls.authUrl,
          ANAPLAN_AUDIT_URL: urls.auditUrl,
          ANAPLAN_API_URL: urls.apiUrl,
        },
        { heapMb: 128, deadlineMs: 120_000 }, // a bound for a hang, not a timing: a loaded 2-core machine takes ~30 s to start a child
      );
      // A credential mistake is the user's to fix (exit 2); a refused sign-in a failure (exit 1).
      assert.equal(result.code, c.code === "E_VALIDATION" ? 2 : 1, `${result.stdout}\n${result.stderr}`);
      assert.match(result.stderr, /^epm-audit-kit sync: [^\n]+\n$/);
      assertClean([result.stdout, result.stderr], c.secrets, "CLI output");
    });
  }
});
