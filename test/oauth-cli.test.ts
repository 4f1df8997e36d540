import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { request } from "undici";
import { type LoginIo, login, logout } from "../src/cli/login.js";
import { sync } from "../src/cli/sync.js";
import { CredentialStore } from "../src/oauth/credential-store.js";
import {
  SIM_ANAPLAN_CODE_CLIENT,
  SIM_ANAPLAN_DEVICE_CLIENT,
} from "../src/simulator/oauth/oauth-simulator.js";
import { type Simulator, startSimulator } from "../src/simulator/start-simulator.js";

let sim: Simulator;
const dir = mkdtempSync(join(tmpdir(), "kit-oauth-cli-"));
const KEY = "cli-test-key-31415";
before(async () => {
  // The real clock: the CLI waits the server's 1-second interval between polls.
  sim = await startSimulator({
    port: 0,
    seed: 5,
    anaplan: { users: 25, eventsPerDay: 60 },
    oauth: { intervalS: 1 },
  });
});
after(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  const { authUrl, auditUrl, apiUrl } = sim.anaplan.urls;
  return {
    ANAPLAN_OAUTH_URL: `${sim.url}/anaplan/oauth`,
    ANAPLAN_OAUTH_CLIENT_ID: SIM_ANAPLAN_DEVICE_CLIENT,
    ANAPLAN_AUTH_URL: authUrl,
    ANAPLAN_AUDIT_URL: auditUrl,
    ANAPLAN_API_URL: apiUrl,
    KIT_CREDENTIALS_FILE: join(dir, "credentials.json"),
    KIT_CREDENTIALS_KEY: KEY,
    ...extra,
  };
}

/** Captures what the command prints; approves the device code as soon as it is shown. */
function io(answer: (lines: string[]) => Promise<string> = async () => ""): LoginIo & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    out: (line) => lines.push(line),
    err: (line) => {
      lines.push(line);
      const code = /enter the code ([A-Z0-9-]+)/.exec(line)?.[1];
      if (code) sim.oauth.anaplan.approve(code);
    },
    readLine: () => answer(lines),
  };
}

describe("epm-audit-kit login / logout, then a sync without a password", () => {
  it("login anaplan completes the device flow; sync then runs on the stored sign-in; logout forgets it", async () => {
    const term = io();
    assert.equal(await login(["anaplan"], env(), term), 0, term.lines.join("\n"));
    assert.match(
      term.lines.at(-1) ?? "",
      /^Signed in to Anaplan with OAuth\. The refresh token is stored in .*credentials\.json \(readable only by you, encrypted\)\.$/,
    );
    const stored = (await new CredentialStore({ path: env().KIT_CREDENTIALS_FILE, key: KEY }).read()).profiles
      .anaplan!;
    for (const secret of [stored.refreshToken!, stored.accessToken!]) {
      assert.ok(!term.lines.join("\n").includes(secret), "a token was printed");
    }

    const printed: string[] = [];
    const archive = join(dir, "archive");
    assert.equal(
      await sync(["--archive", archive], env(), (line) => printed.push(line)),
      0,
      printed.join("\n"),
    );
    assert.ok(existsSync(join(archive, "manifest.json")));
    assert.ok(printed.some((l) => /^Anaplan: the tenant behind /.test(l)));
    assert.ok(!printed.join("\n").includes(stored.accessToken!));

    const bye = io();
    assert.equal(await logout(["anaplan"], env(), bye), 0);
    assert.match(bye.lines[0] ?? "", /^Deleted the stored Anaplan OAuth sign-in from /);
    assert.deepEqual(
      (await new CredentialStore({ path: env().KIT_CREDENTIALS_FILE, key: KEY }).read()).profiles,
      {},
    );
  });

  it("the authorization-code client: the URL is shown, the pasted redirect is exchanged, the secret never printed", async () => {
    const e = env({
      ANAPLAN_OAUTH_CLIENT_ID: SIM_ANAPLAN_CODE_CLIENT.clientId,
      ANAPLAN_OAUTH_CLIENT_SECRET: SIM_ANAPLAN_CODE_CLIENT.clientSecret,
      ANAPLAN_OAUTH_REDIRECT_URI: "https://example.com/callback",
    });
    const term = io(async (lines) => {
      const url = /^ {2}(http\S+)$/m.exec(lines.join("\n"))?.[1];
      assert.ok(url, "no sign-in URL shown");
      const res = await request(url, { method: "GET" });
      await res.body.text();
      assert.equal(res.statusCode, 302);
      return String(res.headers.location);
    });
    assert.equal(await login(["anaplan"], e, term), 0, term.lines.join("\n"));
    assert.ok(!term.lines.join("\n").includes(SIM_ANAPLAN_CODE_CLIENT.clientSecret));
    assert.equal(sim.oauth.anaplan.counters.codeExchanges, 1);
  });

  it("usage and configuration mistakes: one line naming what to fix, exit 2", async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [
        [],
        env(),
        /^epm-audit-kit login: name the system: anaplan or epm\. \(see epm-audit-kit login --help\)$/,
      ],
      [
        ["oracle"],
        env(),
        /^epm-audit-kit login: name the system: anaplan or epm \(got "oracle"\)\. \(see epm-audit-kit login --help\)$/,
      ],
      [
        ["anaplan"],
        env({ ANAPLAN_OAUTH_CLIENT_ID: "" }),
        /^epm-audit-kit login: Set ANAPLAN_OAUTH_CLIENT_ID to the OAuth client id/,
      ],
      [["epm"], env(), /^epm-audit-kit login: Set EPM_OAUTH_URL, EPM_OAUTH_CLIENT_ID, EPM_OAUTH_SCOPE: /],
      [
        ["anaplan", "--timeout", "x"],
        env(),
        /^epm-audit-kit login: --timeout takes a number of seconds > 0, got "x"\. \(see epm-audit-kit login --help\)$/,
      ],
    ];
    for (const [argv, e, message] of cases) {
      const term = io();
      assert.equal(await login(argv, e, term), 2, argv.join(" "));
      assert.equal(term.lines.length, 1, term.lines.join("\n"));
      assert.match(term.lines[0]!, message);
    }
  });
});
