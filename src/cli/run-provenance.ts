import { type NotebookDisplay, newNotebookDisplay } from "../display/notebook-display.js";
import {
  type DayWindow,
  emptyMessage,
  type ProvenanceData,
  provenance,
  provenanceText,
  type SourceProvenance,
} from "../display/provenance.js";
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
  readonly #generatedAt: string;
  readonly #sources = new Map<string, SourceProvenance>();
  #display: NotebookDisplay | null = null;
  #shown = false;

  /**
   * @param requested - the requested days
   * @param generatedAt - when the run was opened, epoch ms (the run's clock)
   */
  constructor(requested: DayWindow, generatedAt: number) {
    this.#requested = requested;
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

  /** The empty-section sentence for `what`, computed from the source recorded under `key`. */
  emptyMessage(what: string, key: string): string {
    return emptyMessage(what, this.#requested, this.#sources.get(key));
  }
}
