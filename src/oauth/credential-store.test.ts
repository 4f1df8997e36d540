import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ValidationError } from "../errors/validation-error.js";
import { CredentialStore, defaultCredentialsPath } from "./credential-store.js";

const dir = mkdtempSync(join(tmpdir(), "kit-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const path = () => join(dir, `c${++n}`, "credentials.json");
const PROVIDER = {
  system: "anaplan" as const,
  deviceUrl: "https://x/oauth/device/code",
  tokenUrl: "https://x/oauth/token",
  clientId: "c1",
  scope: "openid email offline_access",
  encoding: "json" as const,
  scheme: "AnaplanAuthToken" as const,
};
const SECRET = "rt-7f3a9c2e-very-secret-refresh-token";

describe("CredentialStore", () => {
  it("an absent file is an empty store; update writes JSON with the profile", async () => {
    const store = new CredentialStore({ path: path() });
    assert.deepEqual(await store.read(), { version: 1, profiles: {} });
    await store.update((file) => {
      file.profiles.anaplan = { provider: PROVIDER, refreshToken: SECRET, refreshObtainedAt: 1 };
    });
    assert.deepEqual((await store.read()).profiles.anaplan?.refreshToken, SECRET);
  });

  it("with a key, the file is AES-256-GCM: no token in it, readable with the key, refused without or with another", async () => {
    const p = path();
    await new CredentialStore({ path: p, key: "k-123456" }).update((file) => {
      file.profiles.anaplan = { provider: PROVIDER, refreshToken: SECRET, refreshObtainedAt: 1 };
    });
    const raw = readFileSync(p, "utf8");
    // Base64 has no ":" (a short id could appear by chance in it; the URL cannot).
    assert.ok(!raw.includes(SECRET) && !raw.includes("https://x/oauth"));
    assert.equal(JSON.parse(raw).encrypted, "aes-256-gcm");
    assert.equal(
      (await new CredentialStore({ path: p, key: "k-123456" }).read()).profiles.anaplan?.refreshToken,
      SECRET,
    );
    await assert.rejects(new CredentialStore({ path: p }).read(), (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.match(e.message, /is encrypted: set KIT_CREDENTIALS_KEY/);
      return true;
    });
    await assert.rejects(new CredentialStore({ path: p, key: "wrong-key-99" }).read(), (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.match(e.message, /cannot be decrypted/);
      assert.ok(!e.message.includes("wrong-key-99") && !String(e.stack).includes("wrong-key-99"));
      return true;
    });
  });

  it("a file other users can read is refused with the chmod to run", async () => {
    const p = path();
    const store = new CredentialStore({ path: p });
    await store.update((file) => {
      file.profiles.anaplan = { provider: PROVIDER, refreshToken: SECRET, refreshObtainedAt: 1 };
    });
    chmodSync(p, 0o644);
    await assert.rejects(
      store.read(),
      new ValidationError(
        `The credential file ${p} is readable by other users; run \`chmod 600 ${p}\` (or delete it and log in again).`,
      ),
    );
  });

  it("a damaged or foreign file is a ValidationError saying to delete it and log in again", async () => {
    const p = path();
    const store = new CredentialStore({ path: p });
    await store.update(() => undefined);
    for (const text of ["{not json", '{"version":2,"profiles":{}}', "[]"]) {
      writeFileSync(p, text, { mode: 0o600 });
      await assert.rejects(store.read(), /not one epm-audit-kit wrote \(or is damaged\); delete it/);
    }
  });

  it("the lock keeps a second process out until the first is done; a lock left by a dead process is taken over", async () => {
    const p = path();
    const store = new CredentialStore({ path: p, lockWaitMs: 200 });
    await store.update(() => undefined);
    // A live holder: this process holds the lock while another update waits and gives up.
    // Wait until the holder's callback runs (it then holds the lock), not for a fixed tick:
    // taking the lock is several file operations, and a loaded machine finishes them later.
    let release!: () => void;
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const holding = store.update(
      () =>
        new Promise<void>((r) => {
          release = r;
          entered();
        }),
    );
    await inside;
    await assert.rejects(
      store.update(() => undefined),
      /locked by another epm-audit-kit process for more than 200 ms/,
    );
    release();
    await holding;
    // A dead holder: a child that wrote a lock and exited.
    const child = spawn(process.execPath, ["-e", "process.exit(0)"]);
    await new Promise((r) => child.on("exit", r));
    writeFileSync(
      `${p}.lock`,
      JSON.stringify({ pid: child.pid, host: (await import("node:os")).hostname() }),
    );
    await store.update((file) => {
      file.profiles.anaplan = { provider: PROVIDER, refreshToken: SECRET, refreshObtainedAt: 2 };
    });
    assert.equal((await store.read()).profiles.anaplan?.refreshObtainedAt, 2);
  });

  it("defaultCredentialsPath: KIT_CREDENTIALS_FILE, else XDG_CONFIG_HOME, else ~/.config", () => {
    assert.equal(defaultCredentialsPath({ KIT_CREDENTIALS_FILE: "/a/b.json" }), "/a/b.json");
    assert.equal(defaultCredentialsPath({ XDG_CONFIG_HOME: "/c" }), "/c/epm-audit-kit/credentials.json");
    assert.match(defaultCredentialsPath({}), /\/\.config\/epm-audit-kit\/credentials\.json$/);
  });
});
