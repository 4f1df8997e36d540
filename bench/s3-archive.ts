// Object storage timings (not a test): sync a ~300k-event archive from the simulator into a
// local folder, then time publishing it to s3rver (every object new, manifest last), a no-change
// object sync, and reading it back from s3:// versus locally.
// Run: node --import tsx bench/s3-archive.ts [events=300000]
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error s3rver ships no types
import S3rver from "s3rver";
import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import { publishObjectArchive } from "../src/archive/object-store/object-archive-files.js";
import { readObjectArchive } from "../src/archive/object-store/read-object-archive.js";
import { createS3ObjectStore } from "../src/archive/object-store/s3-object-store.js";
import { syncObjectArchive } from "../src/archive/object-store/sync-object-archive.js";
import { readArchive } from "../src/archive/read-archive.js";
import { syncArchive } from "../src/archive/sync-archive.js";
import { startSimulator } from "../src/simulator/start-simulator.js";

const events = Number(process.argv[2] ?? 300_000);
const time = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
  const start = performance.now();
  const value = await run();
  console.log(`${label}: ${((performance.now() - start) / 1000).toFixed(2)} s`);
  return value;
};

const s3dir = await mkdtemp(join(tmpdir(), "bench-s3rver-"));
const server = new S3rver({
  port: 0,
  address: "127.0.0.1",
  directory: s3dir,
  silent: true,
  configureBuckets: [{ name: "bench" }],
});
const { port } = await server.run();
const env = {
  AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "S3RVER",
  AWS_SECRET_ACCESS_KEY: "S3RVER",
};
const sim = await startSimulator({
  port: 0,
  seed: 3,
  clock: { start: "2026-11-01T06:00:00Z", frozen: true },
  anaplan: { users: 200, eventsPerDay: Math.ceil(events / 30) },
});
const anaplan = new AnaplanClient({ ...sim.anaplan.clientOptions, log: { warn: () => undefined } });
const local = await mkdtemp(join(tmpdir(), "bench-s3-local-"));
try {
  await time("local sync from the simulator", () =>
    syncArchive({ archive: local, anaplan, now: () => sim.clock.now() }),
  );
  const rows = (await (await readArchive(local)).events.collect()).height;
  console.log(`archive: ${rows} events`);
  const store = createS3ObjectStore("s3://bench/tenant", env);
  const published = await time("publish to s3 (all objects new, manifest last)", () =>
    publishObjectArchive(store, local, undefined),
  );
  console.log(`objects uploaded: ${published.uploaded}`);
  await time("syncObjectArchive, nothing new (download + local sync + publish)", () =>
    syncObjectArchive({ archive: "s3://bench/tenant", anaplan, now: () => sim.clock.now(), env }),
  );
  await time("read from s3:// (download + verify + collect events)", async () => {
    const frames = await readObjectArchive("s3://bench/tenant", { env });
    await frames.events.collect();
    await frames.close();
  });
  await time("read local (verify + collect events)", async () => (await readArchive(local)).events.collect());
} finally {
  await anaplan.close();
  await sim.close();
  await server.close();
  await rm(s3dir, { recursive: true, force: true });
  await rm(local, { recursive: true, force: true });
}
