/**
 * A process that refreshes a stored Anaplan OAuth sign-in and reads the users list, killing
 * itself with SIGKILL at a chosen point of the rotation (test/oauth-rotation-crash.test.ts).
 * Arguments: store path, auth URL, audit URL, users API URL, now (epoch ms), kill point
 * ("refreshed" | "temp-written" | "renamed" | "none").
 */
import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import { isKitError } from "../src/errors/kit-error.js";
import { CredentialStore } from "../src/oauth/credential-store.js";
import { OAuthSession } from "../src/oauth/oauth-session.js";

const [path, authUrl, auditUrl, apiUrl, nowText, killAt] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const die = (point: string) => {
  if (point === killAt) process.kill(process.pid, "SIGKILL");
};
const now = () => Number(nowText);
const store = new CredentialStore({ path, onStep: die });
const session = new OAuthSession({ store, system: "anaplan", now, onRefreshed: () => die("refreshed") });
const client = new AnaplanClient({
  oauth: session,
  authUrl,
  auditUrl,
  apiUrl,
  now,
  retry: { limit: 0 },
  log: { warn: () => {} },
});
try {
  const users = await client.audit.listUsers();
  process.stdout.write(`users ${users.height}\n`);
} catch (error) {
  process.stderr.write(
    `${isKitError(error) ? error.code : "?"}: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  await client.close();
}
