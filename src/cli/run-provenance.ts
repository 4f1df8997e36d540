import { type NotebookDisplay, newNotebookDisplay } from "../display/notebook-display.js";
import {
  type DayWindow,
  emptyMessage,
  type ProvenanceData,
  provenance,
  provenanceText,
  type SourceProvenance,
} from "../display/provenance.js";
import { startOfDay } from "./day-coverage.js";
import { KIT_VERSION } from "./kit-version.js";

/**
 * What a run records as it reads: one {@link SourceProvenance} per source (host, covered days,
 * rows, status), shown as the report's opening provenance block, which is redrawn in place
 * after every read so the finished report shows the final state.
 *
 * @example
 * ```ts
 * const p = new RunProvenance({ from: "2026-11-01", to: "2026-11-30" }, Date.now());
 * p.show();
 * p.record({ key: "anaplanEvents", label: "Anaplan audit events", host: "simulator", status: "complete",
 *   covered: { from: "2026-11-01", to: "2026-11-30" }, rows: 120 });
 * ```
 */
export class RunProvenance {
  readonly #requested: DayWindow;
  readonly #window: { from: Date; to: Date };
  readonly #generatedAt: string;
  readonly #sources = new Map<string, SourceProvenance>();
  #display: NotebookDisplay | null = null;
  #shown = false;

  /**
   * @param requested - the requested days
   * @param window - the requested window as instants `[from, to)`
   * @param generatedAt - when the run was opened, epoch ms (the run's clock)
   */
  constructor(requested: DayWindow, window: { from: Date; to: Date }, generatedAt: number) {
    this.#requested = requested;
    this.#window = window;
    this.#generatedAt = new Date(generatedAt).toISOString();
  }

  /** Records (or replaces) a source's provenance, and redraws the block if it is shown. */
  record(source: SourceProvenance): void {
    this.#sources.set(source.key, source);
    this.#display?.html(provenance(this.data()));
  }

  /** The source recorded under `key`, if any. */
  source(key: string): SourceProvenance | undefined {
    return this.#sources.get(key);
  }

  /** A snapshot of everything recorded so far. */
  data(): ProvenanceData {
    return {
      kitVersion: KIT_VERSION,
      generatedAt: this.#generatedAt,
      requested: this.#requested,
      sources: [...this.#sources.values()],
    };
  }

  /**
   * Shows the block: in a notebook as a display redrawn after every later read; elsewhere as
   * text on stdout (once; call again after reading to print the final state).
   */
  show(): void {
    if (!this.#shown) {
      this.#display = newNotebookDisplay();
      this.#shown = true;
    }
    if (this.#display) this.#display.html(provenance(this.data()));
    else process.stdout.write(`${provenanceText(this.data())}\n`);
  }

  /**
   * The part of the requested window (instants) that the source under `key` covers: the window
   * to pass to frame helpers so they compare only what was read. The requested window for a
   * snapshot; null when the source covers nothing or was not read.
   */
  coveredWindow(key: string): { from: Date; to: Date } | null {
    const source = this.#sources.get(key);
    if (source?.status === "snapshot") return this.#window;
    if (!source?.covered) return null;
    const from = Math.max(+this.#window.from, startOfDay(source.covered.from));
    const to = Math.min(+this.#window.to, startOfDay(source.covered.to) + 86_400_000);
    return from < to ? { from: new Date(from), to: new Date(to) } : null;
  }

  /** The empty-section sentence for `what`, computed from the source recorded under `key`. */
  emptyMessage(what: string, key: string): string {
    return emptyMessage(what, this.#requested, this.#sources.get(key));
  }
}
