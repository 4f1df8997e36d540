import type { Simulator } from "../simulator/start-simulator.js";

/**
 * What `epm-audit-kit demo` hands each part of the demo (Anaplan now, Oracle EPM in
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
  /** Days of history to fetch (now minus N days), when `window` is not given. */
  days: number;
  /** The window to fetch, as whole UTC days `[from, to)` (what `epm-audit-kit demo` passes). @default the last `days` */
  window?: { from: Date; to: Date } | undefined;
}
