import { escapeHtml } from "./escape-html.js";
import { KIT_STYLES } from "./kit-styles.js";
import { newNotebookDisplay } from "./notebook-display.js";

/**
 * One progress report, the shape the clients' `onProgress` option sends.
 *
 * @example
 * ```ts
 * const update: ProgressUpdate = { phase: "users", done: 3, total: 10 };
 * ```
 */
export interface ProgressUpdate {
  /** What is being fetched now, e.g. "events" or "users". */
  phase: string;
  /** Units (pages, files) done so far. */
  done: number;
  /** Units known to be needed so far; may grow. @default unknown */
  total?: number | undefined;
}

/**
 * A progress indicator: call it with each update (pass it as `onProgress`), then `finish()`.
 *
 * @example
 * ```ts
 * const bar: Progress = progress("Anaplan events");
 * bar({ phase: "events", done: 50, total: 200 });
 * bar.finish("done");
 * ```
 */
export interface Progress {
  (update: ProgressUpdate): void;
  /** Marks the work as done, with an optional closing note ("12,345 events"). */
  finish(note?: string): void;
}

/**
 * A stream progress can draw on (stderr by default).
 *
 * @example
 * ```ts
 * const stream: ProgressStream = { write: (text) => process.stderr.write(text), isTTY: false };
 * ```
 */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

/**
 * Options of {@link progress}.
 *
 * @example
 * ```ts
 * const options: ProgressOptions = { mode: "lines", stream: process.stderr };
 * ```
 */
export interface ProgressOptions {
  /** Where to draw: "notebook", "tty" (a redrawn bar), "lines" (occasional lines), "silent". @default "auto": notebook inside a tslab kernel, else tty or lines by the stream */
  mode?: "auto" | "notebook" | "tty" | "lines" | "silent";
  /** The stream for "tty" and "lines". @default process.stderr */
  stream?: ProgressStream;
}

const percentOf = (u: ProgressUpdate) =>
  u.total && u.total > 0 ? Math.min(100, Math.floor((u.done / u.total) * 100)) : undefined;
const describe = (label: string, u: ProgressUpdate) =>
  `${label} · ${u.phase} ${u.done.toLocaleString("en-US")}${u.total ? `/${u.total.toLocaleString("en-US")}` : ""}`;

function bar(percent: number | undefined, width = 24): string {
  const filled = Math.round(((percent ?? 0) / 100) * width);
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${percent === undefined ? "  ?" : String(percent).padStart(3)}%`;
}

/**
 * A progress indicator for long fetches. In a notebook it updates one display in place; in a
 * terminal it redraws a bar on stderr; when stderr is a file or pipe (CI, `npm run report`) it
 * prints a line per phase and per quarter, so logs stay short.
 *
 * @param label - what the whole operation is ("Anaplan audit events")
 * @param options - mode and stream
 * @returns a function to pass as `onProgress`, with a `finish()` method
 * @example
 * ```ts
 * const p = progress("Anaplan");
 * const anaplan = new AnaplanClient({ ...credentials, onProgress: p });
 * const events = await anaplan.audit.getEvents(14);
 * p.finish(`${events.height} events`);
 * // stderr: Anaplan · events 12/40 [███████░░░░░░░░░░░░░░░░░]  30%
 * ```
 */
export function progress(label: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  let mode = options.mode ?? "auto";
  const display = mode === "auto" || mode === "notebook" ? newNotebookDisplay() : null;
  if (mode === "auto") mode = display ? "notebook" : stream.isTTY ? "tty" : "lines";
  let last: ProgressUpdate | undefined;
  let lastShown = "";
  const render = (u: ProgressUpdate): void => {
    const percent = percentOf(u);
    if (mode === "notebook" && display) {
      const key = `${u.phase}:${percent ?? u.done}`;
      if (key === lastShown) return;
      lastShown = key;
      display.html(
        `${KIT_STYLES}<div class="kit-progress"><span class="kit-bar"><span style="width:${percent ?? 0}%"></span></span>${escapeHtml(describe(label, u))}</div>`,
      );
    } else if (mode === "tty") {
      stream.write(`\r\x1b[2K${describe(label, u)} ${bar(percent)}`);
    } else if (mode === "lines") {
      const quarter = percent === undefined ? undefined : Math.floor(percent / 25);
      const key = `${u.phase}:${quarter ?? "?"}`;
      if (key === lastShown) return;
      lastShown = key;
      stream.write(`${describe(label, u)}${percent === undefined ? "" : ` (${percent}%)`}\n`);
    }
  };
  const update = ((u: ProgressUpdate) => {
    last = u;
    render(u);
  }) as Progress;
  update.finish = (note?: string) => {
    const text = `${label}: done${note ? ` — ${note}` : ""}`;
    if (mode === "notebook" && display) {
      display.html(`${KIT_STYLES}<div class="kit-progress">${escapeHtml(text)}</div>`);
    } else if (mode === "tty") {
      stream.write(`\r\x1b[2K${text}\n`);
    } else if (mode === "lines") {
      stream.write(`${text}${last ? ` (${last.phase} ${last.done.toLocaleString("en-US")})` : ""}\n`);
    }
  };
  return update;
}
