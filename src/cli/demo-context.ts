import type { Simulator } from "../simulator/start-simulator.js";

/**
 * What `npm run demo` hands each part of the demo (Anaplan now, Oracle EPM in
 * `src/cli/demo-epm.ts`): where to write, how to print, and the in-process simulator when no
 * real tenant is configured.
 */
export interface DemoContext {
  /** Output directory (created), e.g. `out`. */
  outDir: string;
  /** Prints one line of the summary. */
  print(line: string): void;
  /** The running simulator, when the demo uses it instead of real tenants. */
  sim: Simulator | undefined;
  /** Days of history to fetch. */
  days: number;
}
