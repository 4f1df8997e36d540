#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type Simulator, startSimulator } from "../simulator/start-simulator.js";
import { runIfMain } from "./run-if-main.js";

const HELP = `npm run simulator [-- --port N] [-- --seed N] [-- --users N] [-- --events-per-day N]
                  [-- --certificate cert.pem ...]

Starts the Anaplan + Oracle EPM simulator on 127.0.0.1 and keeps it running until Ctrl-C
(SIGINT) or SIGTERM. Point the kit (or curl) at the URLs it prints.

  --port N            TCP port; 0 picks a free one (default 4010)
  --seed N            tenant seed: the same seed gives the same users and events (default 1)
  --users N           people in the synthetic organisation; ~92% have an Anaplan account (default 300)
  --events-per-day N  average Anaplan audit events per day, up to 1000000 (default 1500)
  --certificate FILE  a PEM certificate to accept for CA-certificate logins (repeatable)
  -h, --help          this text
`;

/**
 * `npm run simulator`: runs the simulator in the foreground and prints how to reach it.
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
  let values: {
    port: string;
    seed: string;
    users: string;
    "events-per-day": string;
    certificate: string[];
    help: boolean;
  };
  try {
    values = parseArgs({
      args: argv,
      options: {
        port: { type: "string", default: "4010" },
        seed: { type: "string", default: "1" },
        users: { type: "string", default: "300" },
        "events-per-day": { type: "string", default: "1500" },
        certificate: { type: "string", multiple: true, default: [] },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values as typeof values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const numbers = {
    port: Number(values.port),
    seed: Number(values.seed),
    users: Number(values.users),
    eventsPerDay: Number(values["events-per-day"]),
  };
  for (const [name, value] of Object.entries(numbers)) {
    if (!Number.isInteger(value) || value < 0) {
      process.stderr.write(`--${name} must be a non-negative integer\n\n${HELP}`);
      return 2;
    }
  }
  let sim: Simulator;
  try {
    const certificates = values.certificate.map((file) => readFileSync(file, "utf8"));
    sim = await startSimulator({
      port: numbers.port,
      seed: numbers.seed,
      anaplan: { users: numbers.users, eventsPerDay: numbers.eventsPerDay, certificates },
    });
  } catch (error) {
    process.stderr.write(`simulator failed to start: ${(error as Error).message}\n`);
    return 1;
  }
  for (const line of describe(sim, numbers, values.certificate.length)) print(line);

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
    "  npm run demo",
    "",
    "Or in code:",
    `  const anaplan = new AnaplanClient({ email: ${JSON.stringify(a.credentials.email)}, password: ${JSON.stringify(a.credentials.password)},`,
    `    authUrl: ${JSON.stringify(authUrl)}, auditUrl: ${JSON.stringify(auditUrl)}, apiUrl: ${JSON.stringify(apiUrl)} });`,
    "  const events = await anaplan.audit.getEvents(7);",
    "",
    "Ctrl-C stops it.",
  ];
}

runIfMain(import.meta.url, "simulator", runSimulator);
