import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

/** The command from source (no build needed): `epm-audit-kit simulator …`. */
const SCRIPT = fileURLToPath(new URL("./main-entry.ts", import.meta.url));

test("epm-audit-kit simulator: prints URLs and credentials, serves, and stops cleanly on SIGTERM", async () => {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", SCRIPT, "simulator", "--port", "0", "--seed", "3", "--users", "40"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    out += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: string) => {
      out += chunk;
      if (out.includes("Ctrl-C stops it.")) resolve();
    });
    child.once("exit", () => reject(new Error(`exited early:\n${out}`)));
  });
  const authUrl = /ANAPLAN_AUTH_URL=(\S+)/.exec(out)?.[1];
  const email = /ANAPLAN_EMAIL='([^']+)'/.exec(out)?.[1];
  const password = /ANAPLAN_PASSWORD='([^']+)'/.exec(out)?.[1];
  assert.ok(authUrl && email && password, out);
  assert.match(out, /ANAPLAN_AUDIT_URL=http:\/\/127\.0\.0\.1:\d+\/anaplan\/audit\/audit\/api\/1 /);
  assert.match(out, /export EPM_URL=http:\/\/127\.0\.0\.1:\d+\/epm /);
  const res = await fetch(`${authUrl}/token/authenticate`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}` },
  });
  assert.equal(res.status, 201);
  child.kill("SIGTERM");
  const [code] = await once(child, "exit");
  assert.equal(code, 0);
  assert.match(out, /SIGTERM: stopping the simulator\./);
});

test("epm-audit-kit simulator --help prints the options; a bad number is exit code 2", async () => {
  const help = spawn(process.execPath, ["--import", "tsx", SCRIPT, "simulator", "--help"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  let text = "";
  help.stdout.on("data", (c) => {
    text += c;
  });
  assert.equal((await once(help, "exit"))[0], 0);
  for (const option of ["--port", "--seed", "--users", "--events-per-day"])
    assert.ok(text.includes(option), option);
  const bad = spawn(process.execPath, ["--import", "tsx", SCRIPT, "simulator", "--users", "many"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  bad.stderr?.on("data", (c) => {
    err += c;
  });
  assert.equal((await once(bad, "exit"))[0], 2);
  assert.equal(
    err,
    'epm-audit-kit simulator: --users takes a whole number >= 0, got "many". (see epm-audit-kit simulator --help)\n',
  );
});
