import { createInterface } from "node:readline";
import { ValidationError } from "../errors/validation-error.js";
import { Redactor } from "../http/redact.js";
import { Transport } from "../http/transport.js";
import { authorizationRequest, exchangeAuthorizationCode } from "../oauth/authorization-code-login.js";
import type { CredentialStore } from "../oauth/credential-store.js";
import { type DevicePrompt, deviceLogin } from "../oauth/device-login.js";
import { credentialStoreFromEnv, oauthProviderFromEnv } from "../oauth/oauth-from-env.js";
import type { OAuthProvider, OAuthSystem } from "../oauth/oauth-provider.js";
import type { OAuthTokens } from "../oauth/oauth-tokens.js";
import { forgetLogin, saveLogin } from "../oauth/save-login.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { printCommandError } from "./print-command-error.js";
import { TIME_RULE_HELP } from "./time-rule-help.js";
import { UsageError } from "./usage-error.js";

const LOGIN_HELP = `epm-audit-kit login anaplan|epm [--timeout SECONDS]

Signs in once with OAuth 2.0 and stores the refresh token, so later runs (sync, report, export)
need no password. The refresh token is kept in a file only you can read (0600), encrypted when
KIT_CREDENTIALS_KEY is set, replaced atomically at every rotation, and shared safely by
processes running at the same time.

  anaplan   device grant: open the URL shown, enter the code, approve. Needs
            ANAPLAN_OAUTH_CLIENT_ID (a device-grant client) and, outside the us1a region,
            ANAPLAN_OAUTH_URL (e.g. https://eu3.app.anaplan.com). With
            ANAPLAN_OAUTH_CLIENT_SECRET and ANAPLAN_OAUTH_REDIRECT_URI (an authorization-code
            client, also for SSO users) it prints a sign-in URL instead and asks you to paste the
            URL the browser lands on.
  epm       device grant of the OCI IAM identity domain. Needs EPM_OAUTH_URL (the identity domain
            URL), EPM_OAUTH_CLIENT_ID and EPM_OAUTH_SCOPE (the service instance id or full scope);
            EPM_OAUTH_CLIENT_SECRET for a confidential application.

Later runs use the stored sign-in when ANAPLAN_OAUTH_CLIENT_ID (or EPM_OAUTH_CLIENT_ID, with
EPM_URL) is set and no password, certificate or token is. Where the file lives: KIT_CREDENTIALS_FILE,
default $XDG_CONFIG_HOME/epm-audit-kit/credentials.json (~/.config/…).

  --timeout S   longest wait for one HTTP request (default 30)
  --verbose     the stack trace of an unexpected error
  -h, --help    this text

${TIME_RULE_HELP}`;

const LOGOUT_HELP = `epm-audit-kit logout anaplan|epm

Deletes the stored OAuth sign-in of Anaplan or EPM (KIT_CREDENTIALS_FILE, default
$XDG_CONFIG_HOME/epm-audit-kit/credentials.json). Neither Anaplan nor the OCI identity domain
documents a way for this client to revoke its tokens, so they are forgotten here; an access token
already issued stays valid until it expires (35 minutes for Anaplan, about an hour for EPM).
To cut access at once, revoke the client's grants in Anaplan Administration or the identity domain.

  --verbose     the stack trace of an unexpected error
  -h, --help    this text

${TIME_RULE_HELP}`;

/** Where login talks to the user: lines to stdout and stderr, and one pasted line from stdin. */
export interface LoginIo {
  out: (line: string) => void;
  err: (line: string) => void;
  readLine: (prompt: string) => Promise<string>;
}

const STD_IO: LoginIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readLine: (prompt) =>
    new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
      process.stderr.write(prompt);
      rl.once("line", (line) => {
        rl.close();
        resolve(line);
      });
      rl.once("close", () => resolve(""));
    }),
};

/**
 * `epm-audit-kit login anaplan|epm`: the OAuth sign-in that stores a refresh token.
 *
 * @param argv - arguments after `login`
 * @param env - environment (the OAUTH variables, KIT_CREDENTIALS_FILE/KEY). @default process.env
 * @param io - where to print and read. @default stdout, stderr, stdin
 * @returns the exit code: 0 signed in, 1 the sign-in failed, 2 bad usage or configuration
 * @example
 * ```ts
 * process.exitCode = await login(["anaplan"]);
 * ```
 */
export async function login(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  io: LoginIo = STD_IO,
): Promise<number> {
  const verbose = argv.includes("--verbose");
  const redactor = new Redactor();
  const fail = (error: unknown) =>
    printCommandError("login", error, { verbose, write: (t) => io.err(redactor.scrub(t).trimEnd()) });
  let system: OAuthSystem;
  let provider: OAuthProvider;
  let store: CredentialStore;
  let timeoutS: number;
  try {
    const parsed = parseCommand(argv, LOGIN_HELP, io, { timeout: { type: "string", default: "30" } });
    if (!parsed) return 0;
    system = parsed.system;
    timeoutS = Number(parsed.options.timeout);
    if (!(timeoutS > 0)) {
      throw new UsageError(`--timeout takes a number of seconds > 0, got "${parsed.options.timeout}".`);
    }
    provider = oauthProviderFromEnv(system, env);
    store = credentialStoreFromEnv(env);
  } catch (error) {
    return fail(error);
  }
  const transport = new Transport({ redactor, timeoutMs: timeoutS * 1000, log: { warn: (m) => io.err(m) } });
  try {
    const tokens = await signIn(provider, env, { transport, redactor }, io);
    if (!tokens.refreshToken) {
      throw new ValidationError(
        "The sign-in gave no refresh token: the OAuth client must allow refresh tokens (offline_access); ask the administrator who registered it.",
      );
    }
    await saveLogin(store, provider, tokens);
    io.out(
      `Signed in to ${name(system)} with OAuth. The refresh token is stored in ${store.path} (readable only by you${env.KIT_CREDENTIALS_KEY?.trim() ? ", encrypted" : ""}).`,
    );
    return 0;
  } catch (error) {
    return fail(error);
  } finally {
    await transport.close();
  }
}

/**
 * `epm-audit-kit logout anaplan|epm`: forgets the stored sign-in.
 *
 * @param argv - arguments after `logout`
 * @param env - environment (KIT_CREDENTIALS_FILE/KEY). @default process.env
 * @param io - where to print. @default stdout, stderr
 * @returns the exit code: 0 done (also when nothing was stored), 2 bad usage
 * @example
 * ```ts
 * process.exitCode = await logout(["epm"]);
 * ```
 */
export async function logout(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  io: LoginIo = STD_IO,
): Promise<number> {
  const verbose = argv.includes("--verbose");
  try {
    const parsed = parseCommand(argv, LOGOUT_HELP, io, {});
    if (!parsed) return 0;
    const store = credentialStoreFromEnv(env);
    const had = await forgetLogin(store, parsed.system);
    io.out(
      had
        ? `Deleted the stored ${name(parsed.system)} OAuth sign-in from ${store.path}. Tokens already issued stay valid until they expire; revoke the client's grants at the server to cut access at once.`
        : `No ${name(parsed.system)} OAuth sign-in was stored in ${store.path}.`,
    );
    return 0;
  } catch (error) {
    return printCommandError("logout", error, { verbose, write: (t) => io.err(t.trimEnd()) });
  }
}

async function signIn(
  provider: OAuthProvider,
  env: Record<string, string | undefined>,
  context: { transport: Transport; redactor: Redactor },
  io: LoginIo,
): Promise<OAuthTokens> {
  const redirectUri = env.ANAPLAN_OAUTH_REDIRECT_URI?.trim();
  if (provider.system === "anaplan" && provider.clientSecret && redirectUri) {
    const request = authorizationRequest(provider, redirectUri);
    io.err(`Open this URL in a browser and sign in to Anaplan:\n  ${request.url}`);
    const pasted = await io.readLine("Then paste the whole URL the browser was sent to: ");
    return exchangeAuthorizationCode(provider, request, pasted, { ...context, now: Date.now });
  }
  return deviceLogin(provider, {
    ...context,
    onPrompt: (prompt) => io.err(promptText(provider.system, prompt)),
  });
}

function promptText(system: OAuthSystem, prompt: DevicePrompt): string {
  const minutes = Math.max(1, Math.round(prompt.expiresIn / 60));
  const where = prompt.verificationUriComplete
    ? `open ${prompt.verificationUriComplete}\n  (or ${prompt.verificationUri} and enter the code ${prompt.userCode})`
    : `open ${prompt.verificationUri} and enter the code ${prompt.userCode}`;
  return `To sign in to ${name(system)}, ${where}\nwithin ${minutes} minutes. Waiting for approval…`;
}

/** Parses `anaplan|epm` and the options; prints the help and returns undefined for --help. */
function parseCommand(
  argv: string[],
  help: string,
  io: LoginIo,
  options: Record<string, { type: "string"; default: string }>,
): { system: OAuthSystem; options: Record<string, string> } | undefined {
  const args = parseCommandArgs(argv, options, true);
  if (args.help) {
    io.out(help);
    return undefined;
  }
  const system = args.positionals[0];
  if (args.positionals.length !== 1 || (system !== "anaplan" && system !== "epm")) {
    throw new UsageError(
      `name the system: anaplan or epm${system ? ` (got ${JSON.stringify(system.slice(0, 40))})` : ""}.`,
    );
  }
  return { system, options: args.values as Record<string, string> };
}

function name(system: OAuthSystem): string {
  return system === "anaplan" ? "Anaplan" : "Oracle EPM";
}
