import { escapeHtml } from "./escape-html.js";
import { KIT_STYLES } from "./kit-styles.js";
import { displayHtml } from "./notebook-display.js";

/**
 * Options of {@link note}.
 *
 * @example
 * ```ts
 * const options: NoteOptions = { tone: "warn" };
 * ```
 */
export interface NoteOptions {
  /** "info" (blue), "warn" (amber) or "ok" (green) left border. @default "info" */
  tone?: "info" | "warn" | "ok";
}

/**
 * Shows a short boxed note in the notebook (what data the run uses, or "no self-assignments
 * in this window"); outside a notebook, prints the text on stdout.
 *
 * @param text - plain text (escaped; line breaks kept)
 * @param options - tone
 * @returns nothing
 * @example
 * ```ts
 * note(run.description);
 * ```
 */
export function note(text: string, options: NoteOptions = {}): void {
  const tone = options.tone ?? "info";
  const html = `${KIT_STYLES}<div class="kit-note kit-${tone}">${escapeHtml(text).replace(/\n/g, "<br>")}</div>`;
  if (!displayHtml(html)) process.stdout.write(`${text}\n`);
}
