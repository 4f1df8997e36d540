import { createRequire } from "node:module";
import { availableParallelism, cpus, totalmem } from "node:os";

/** Median of numbers (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The machine the figures come from. */
export interface Machine {
  cores: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
  nodejsPolars: string;
  platform: string;
}

/** Describes this machine: cores, CPU, memory, Node and nodejs-polars versions. */
export function describeMachine(): Machine {
  const require = createRequire(import.meta.url);
  const polars = require("nodejs-polars/package.json") as { version: string };
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryBytes: totalmem(),
    node: process.version,
    nodejsPolars: polars.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** "1.23 GB" style. */
export function bytesText(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e3).toFixed(1)} kB`;
}
