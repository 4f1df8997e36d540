import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | undefined;

/**
 * Runs V8's garbage collector now, so Polars frames that are no longer referenced free their
 * native memory now. A nodejs-polars frame's memory lives outside the JavaScript heap and V8
 * does not count it: a loop that makes a 150 MB frame per batch would otherwise keep dozens of
 * them (5 GB for a year of 50M events) until the heap itself asks for a collection.
 * Uses `global.gc` when Node runs with `--expose-gc`; otherwise enables it once for this process.
 *
 * @example
 * ```ts
 * for (const batch of batches) { reduce(await batch.collect()); releaseFrames(); }
 * ```
 */
export function releaseFrames(): void {
  if (!collect) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collect = exposed;
    else {
      setFlagsFromString("--expose-gc");
      collect = runInNewContext("gc") as () => void;
    }
  }
  collect();
}
