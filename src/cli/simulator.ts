import { readFileSync } from "node:fs";
import {
  SIM_ANAPLAN_DEVICE_CLIENT,
  SIM_EPM_CLIENT,
  SIM_EPM_SERVICE_INSTANCE,
} from "../simulator/oauth/oauth-simulator.js";
import { type Simulator, startSimulator } from "../simulator/start-simulator.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { printCommandError } from "./print-command-error.js";
import { TIME_RULE_HELP } from "./time-rule-help.js";
import { UsageError } from "./usage-error.js";

/** `epm-audit-kit simulator --help`. */
export const SIMULATOR_HELP = `epm-audit-kit simulator [--port N] [--seed N] [--users N] [--events-per-day N]
                        [--certificate cert.pem ...]

Starts the Anaplan + Oracle EPM simulator on 127.0.0.1 and keeps it running until Ctrl-C
(SIGINT) or SIGTERM. Point the kit (or curl) at the URLs it prints.

  --port N            TCP port; 0 picks a free one (default 4010)
  --seed N            tenant seed: the same seed gives the same users and events (default 1)
  --users N           people in the synthetic organisation; ~92% have an Anaplan account (default 300)
  --events-per-day N  average Anaplan audit events per day, up to 1000000 (default 1500)
  --certificate FILE  a PEM certificate to accept for CA-certificate logins (repeatable)
  --verbose           print the stack trace of an unexpected error
  -h, --help          this text

The simulator's clock is UTC; its audit history ends now.
${TIME_RULE_HELP}`;

/**
 * `epm-audit-kit simulator`: runs the simulator in the foreground and prints how to reach it.
 *
 * @param argv - command-line arguments (without node and the script)
 * @param print - where lines go. @default stdout
 * @returns a promise of the exit code, settled once the simulator has stopped (on SIGINT/SIGTERM)
 * @example
 * ```ts
 * process.exitCode = await runSimulator(["--port", "0", "--seed", "7"]);
 * ```
 */
export async function runSimulator(
  argv: string[],
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  let values: Record<string, string | boolean | string[] | undefined>;
  let numbers: { port: number; seed: number; users: number; eventsPerDay: number };
  let certificates: string[];
  try {
    const args = parseCommandArgs(argv, {
      port: { type: "string", default: "4010" },
      seed: { type: "string", default: "1" },
      users: { type: "string", default: "300" },
      "events-per-day": { type: "string", default: "1500" },
      certificate: { type: "string", multiple: true, default: [] },
    });
    if (args.help) {
      process.stdout.write(SIMULATOR_HELP);
      return 0;
    }
    values = args.values;
    const number = (flag: string) => {
      const text = String(values[flag]);
      if (!/^\d+$/.test(text)) throw new UsageError(`--${flag} takes a whole number >= 0, got "${text}".`);
      return Number(text);
    };
    numbers = {
      port: number("port"),
      seed: number("seed"),
      users: number("users"),
      eventsPerDay: number("events-per-day"),
    };
    certificates = (values.certificate as string[]).map((file) => readCertificate(file));
  } catch (error) {
    return printCommandError("simulator", error, { verbose: argv.includes("--verbose") });
  }
  let sim: Simulator;
  try {
    sim = await startSimulator({
      port: numbers.port,
      seed: numbers.seed,
      anaplan: { users: numbers.users, eventsPerDay: numbers.eventsPerDay, certificates },
    });
  } catch (error) {
    return printCommandError("simulator", error, { verbose: argv.includes("--verbose") });
  }
  for (const line of describe(sim, numbers, certificates.length)) print(line);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      print(`\n${signal}: stopping the simulator.`);
      sim.close().then(resolve, resolve);
    };
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
  });
  return 0;
}

function readCertificate(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `--certificate ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? "error"}).`,
    );
  }
}

function describe(
  sim: Simulator,
  n: { seed: number; users: number; eventsPerDay: number },
  certificates: number,
): string[] {
  const a = sim.anaplan;
  const { authUrl, auditUrl, apiUrl } = a.urls;
  const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  return [
    `Simulator listening on ${sim.url} (seed ${n.seed}, ${n.users} people, ~${n.eventsPerDay} Anaplan events/day,`,
    `clock ticking from now). These are simulator-only credentials.`,
    "",
    "Anaplan",
    `  auth    ${authUrl}`,
    `  audit   ${auditUrl}`,
    `  users   ${apiUrl}`,
    `  login   ${a.credentials.email} / ${a.credentials.password} (Tenant Auditor)`,
    `  certificate logins: ${certificates} certificate(s) registered (--certificate)`,
    "Oracle EPM",
    `  url     ${sim.epm.url}`,
    `  login   ${sim.epm.credentials.username} / ${sim.epm.credentials.password}`,
    "",
    "From another shell:",
    `  export ANAPLAN_EMAIL=${q(a.credentials.email)} ANAPLAN_PASSWORD=${q(a.credentials.password)}`,
    `  export ANAPLAN_AUTH_URL=${authUrl} ANAPLAN_AUDIT_URL=${auditUrl} ANAPLAN_API_URL=${apiUrl}`,
    `  export EPM_URL=${sim.epm.url} EPM_USERNAME=${q(sim.epm.credentials.username)} EPM_PASSWORD=${q(sim.epm.credentials.password)}`,
    "  npx epm-audit-kit demo",
    "",
    "Or without passwords (OAuth device grant; open the URL login prints, which approves it here):",
    `  export ANAPLAN_OAUTH_URL=${sim.url}/anaplan/oauth ANAPLAN_OAUTH_CLIENT_ID=${SIM_ANAPLAN_DEVICE_CLIENT}`,
    `  export ANAPLAN_AUTH_URL=${authUrl} ANAPLAN_AUDIT_URL=${auditUrl} ANAPLAN_API_URL=${apiUrl}`,
    `  export EPM_URL=${sim.epm.url} EPM_OAUTH_URL=${sim.url}/idcs EPM_OAUTH_CLIENT_ID=${SIM_EPM_CLIENT} EPM_OAUTH_SCOPE=${SIM_EPM_SERVICE_INSTANCE}`,
    "  npx epm-audit-kit login anaplan && npx epm-audit-kit login epm && npx epm-audit-kit sync --archive archive",
    "",
    "Or in code:",
    `  const anaplan = new AnaplanClient({ email: ${JSON.stringify(a.credentials.email)}, password: ${JSON.stringify(a.credentials.password)},`,
    `    authUrl: ${JSON.stringify(authUrl)}, auditUrl: ${JSON.stringify(auditUrl)}, apiUrl: ${JSON.stringify(apiUrl)} });`,
    "  const events = await anaplan.audit.getEvents(7);",
    "",
    "Ctrl-C stops it.",
  ];
}
