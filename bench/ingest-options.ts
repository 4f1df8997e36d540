/**
 * `node --import tsx bench/ingest-options.ts [--events 100000] [--repeat 3]`
 *
 * Measures the ways of turning Anaplan audit event pages (bytes) into a Polars frame, on the same
 * pages: the simulator's pages of 10,000 events are downloaded once, then each option runs over
 * all of them (best of `--repeat`), reporting wall and CPU time per page and in total. Figures
 * from a shared machine are noisy: compare CPU, and run it more than once.
 */
import { parseArgs } from "node:util";
import pl from "nodejs-polars";
import { request } from "undici";
import { EventColumns } from "../src/anaplan/ingest/event-columns.js";
import { IpcScanner } from "../src/anaplan/ingest/ipc-scanner.js";
import { readEventsFast, readEventsRaw } from "../src/anaplan/ingest/read-events-fast.js";
import { scanEventsPage } from "../src/anaplan/ingest/scan-events.js";
import { parseEventsPagePlain } from "../src/anaplan/parse/parse-events-page.js";
import { startSimulator } from "../src/simulator/start-simulator.js";
import { BENCH_NOW } from "./scenario.js";
import { bytesText, describeMachine } from "./stats.js";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "100000" },
    repeat: { type: "string", default: "3" },
  },
});

type Option = [name: string, run: (pages: Buffer[]) => unknown | Promise<unknown>];

const SEP = Buffer.from("},{");
const RESPONSE = Buffer.from('"response":[');

/** Events of a compact page split at `},{` into NDJSON, nothing else (attributes stay objects). */
function splitOnly(page: Buffer): Buffer {
  const start = page.indexOf(RESPONSE) + RESPONSE.length;
  const end = page.lastIndexOf("]");
  const out = Buffer.from(page.subarray(start, end));
  for (let i = out.indexOf(SEP); i >= 0; i = out.indexOf(SEP, i + 2)) out[i + 1] = 0x0a;
  return out;
}

const columns = new EventColumns();
/** WebAssembly first (the module built by `npm run build`), the JavaScript scanner for the rest. */
const scanner = new IpcScanner();

const OPTIONS: Option[] = [
  ["JSON.parse only (the bound of contender a)", (pages) => pages.map((p) => JSON.parse(p.toString("utf8")))],
  [
    "JSON.parse + pl.DataFrame(rows) (naive, ids rounded)",
    (pages) =>
      pages.map((p) => pl.DataFrame(JSON.parse(p.toString("utf8")).response, { inferSchemaLength: 1000 })),
  ],
  [
    "quoted ids + JSON.parse + column arrays + pl.DataFrame(columns)",
    (pages) => pages.map((p) => parseEventsPagePlain(p)),
  ],
  [
    "JavaScript byte scanner only: bytes → column buffers",
    (pages) => pages.map((p) => scanEventsPage(p, columns)?.rows),
  ],
  [
    "JavaScript byte scanner + Arrow IPC stream",
    (pages) => pages.map((p) => scanEventsPage(p, columns) && columns.toIpc().length),
  ],
  ["WebAssembly scanner + Arrow IPC stream (IpcScanner)", (pages) => pages.map((p) => scanner.read(p)?.tier)],
  ["IpcScanner + pl.readIPCStream (the kit: readEventsRaw)", (pages) => pages.map((p) => readEventsRaw(p))],
  ["the same + id/date casts per page (readEventsFast)", (pages) => pages.map((p) => readEventsFast(p))],
  [
    "NDJSON split + pl.readJSON lines (Polars' reader; attributes as Struct)",
    (pages) => pages.map((p) => pl.readJSON(splitOnly(p), { format: "lines", inferSchemaLength: null })),
  ],
  [
    "pl.readJSON format json on the response array bytes",
    (pages) =>
      pages.map((p) =>
        pl.readJSON(
          Buffer.from(p.subarray(p.indexOf(RESPONSE) + RESPONSE.length - 1, p.lastIndexOf("]") + 1)),
          {
            format: "json",
            inferSchemaLength: null,
          },
        ),
      ),
  ],
];

async function main(): Promise<void> {
  const events = Number(args.events);
  const sim = await startSimulator({
    seed: 1,
    clock: { start: BENCH_NOW, frozen: true },
    anaplan: {
      users: 20_000,
      eventsPerDay: Math.ceil(events / 30),
      cacheBytes: Math.max(768 * 2 ** 20, events * 1000),
    },
  });
  const pages: Buffer[] = [];
  try {
    const { authUrl, auditUrl } = sim.anaplan.urls;
    const { email, password } = sim.anaplan.credentials;
    const login = await request(`${authUrl}/token/authenticate`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}` },
    });
    const token = ((await login.body.json()) as { tokenInfo: { tokenValue: string } }).tokenInfo.tokenValue;
    const total = sim.anaplan.countEvents();
    for (let offset = 0; offset < total; offset += 10_000) {
      const res = await request(
        `${auditUrl}/events?dateFrom=${BENCH_NOW - 30 * 86_400_000}&dateTo=${BENCH_NOW}&limit=10000&offset=${offset}`,
        { headers: { authorization: `AnaplanAuthToken ${token}` } },
      );
      pages.push(Buffer.from(await res.body.arrayBuffer()));
    }
  } finally {
    await sim.close();
  }
  const bytes = pages.reduce((n, p) => n + p.length, 0);
  const m = describeMachine();
  process.stdout.write(
    `${pages.length} pages, ${bytesText(bytes)}; ${m.cores} cores, Node ${m.node}, nodejs-polars ${m.nodejsPolars}\n\n` +
      `${"option".padEnd(66)} ${"ms/page".padStart(8)} ${"cpu/page".padStart(9)} ${"total s".padStart(8)}\n`,
  );
  for (const [name, run] of OPTIONS) {
    let best = { wall: Number.POSITIVE_INFINITY, cpu: 0 };
    for (let r = 0; r < Number(args.repeat); r++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await run(pages);
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      if (wall < best.wall) best = { wall, cpu: (cpu.user + cpu.system) / 1000 };
    }
    process.stdout.write(
      `${name.padEnd(66)} ${(best.wall / pages.length).toFixed(1).padStart(8)} ${(best.cpu / pages.length).toFixed(1).padStart(9)} ${(best.wall / 1000).toFixed(2).padStart(8)}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
