import { createRequire } from "node:module";

/** The part of tslab's display API the kit uses. */
export interface NotebookDisplay {
  html(html: string): void;
}

interface TslabModule {
  display: NotebookDisplay;
  newDisplay(): NotebookDisplay;
}

let tslab: TslabModule | null | undefined;

/** tslab as loaded by the running kernel, or null when it is not installed. */
function loadTslab(): TslabModule | null {
  if (tslab === undefined) {
    try {
      // The kernel and the kit must share one tslab module instance: resolve it from the
      // notebook's folder (where the kernel was found) first, then from the kit.
      const fromCwd = createRequire(`${process.cwd()}/`);
      tslab = (tryRequire(fromCwd) ?? tryRequire(createRequire(import.meta.url))) as TslabModule | null;
    } catch (error) {
      // createRequire refuses a folder it cannot resolve from (TypeError): no kernel here.
      if (!(error instanceof TypeError)) throw error;
      tslab = null;
    }
  }
  return tslab;
}

function tryRequire(req: NodeJS.Require): unknown {
  try {
    return req("tslab");
  } catch (error) {
    // An optional probe: tslab missing (MODULE_NOT_FOUND) or failing to load (its native parts
    // not built on this machine) both mean "no kernel to display in": fall back to plain output.
    void error;
    return null;
  }
}

/** True when the error is tslab's "not inside a running kernel" refusal. */
function isNotReady(error: unknown): boolean {
  return error instanceof Error && error.message === "Not ready";
}

/**
 * Shows HTML in the notebook when this code runs inside a tslab kernel.
 *
 * @param html - an HTML fragment
 * @returns true when it was displayed; false outside a kernel (tslab missing, or its display
 *   API answering "Not ready" as it does outside a running cell)
 * @throws whatever tslab throws other than "Not ready"
 * @example
 * ```ts
 * if (!displayHtml("<b>hi</b>")) console.log("not in a notebook");
 * ```
 */
export function displayHtml(html: string): boolean {
  const lab = loadTslab();
  if (!lab) return false;
  try {
    lab.display.html(html);
    return true;
  } catch (error) {
    if (isNotReady(error)) return false;
    throw error;
  }
}

/**
 * A display that can be replaced in place (for progress), when inside a tslab kernel.
 *
 * @returns a display whose every `html()` call replaces the previous content, or null outside a kernel
 * @example
 * ```ts
 * const d = newNotebookDisplay(); d?.html("10%"); d?.html("20%");
 * ```
 */
export function newNotebookDisplay(): NotebookDisplay | null {
  const lab = loadTslab();
  if (!lab) return null;
  const display = lab.newDisplay();
  try {
    display.html("");
    return display;
  } catch (error) {
    if (isNotReady(error)) return null;
    throw error;
  }
}
