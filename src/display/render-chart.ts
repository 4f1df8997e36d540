import type pl from "nodejs-polars";
import { ValidationError } from "../errors/validation-error.js";

/**
 * A Vega-Lite specification (https://vega.github.io/vega-lite/docs/spec.html), as plain JSON.
 *
 * @example
 * ```ts
 * const spec: VegaLiteSpec = { mark: "bar", encoding: { x: { field: "day", type: "temporal" }, y: { field: "count", type: "quantitative" } } };
 * ```
 */
export type VegaLiteSpec = Record<string, unknown>;

/** Defaults merged under the caller's spec: a readable, print-friendly look. */
const DEFAULTS: VegaLiteSpec = {
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  width: 640,
  height: 220,
  background: "white",
  config: {
    font: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
    view: { stroke: null },
    axis: { labelColor: "#52606d", titleColor: "#3e4c59", gridColor: "#e4e7eb", domainColor: "#9aa5b1" },
    legend: { labelColor: "#52606d", titleColor: "#3e4c59" },
    range: {
      category: ["#2f80ed", "#eb5757", "#27ae60", "#f2994a", "#9b51e0", "#56ccf2", "#6fcf97", "#bdbdbd"],
    },
  },
};

/** Turns a frame into Vega-Lite inline values; Dates become ISO strings Vega parses as UTC. */
function valuesOf(df: pl.DataFrame): Array<Record<string, unknown>> {
  return df.toRecords().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row as Record<string, unknown>)) {
      out[key] =
        value instanceof Date ? value.toISOString() : typeof value === "bigint" ? Number(value) : value;
    }
    return out;
  });
}

/**
 * Renders a Vega-Lite spec to SVG in Node — no browser, no canvas (text widths are estimated).
 * vega 6 and vega-lite 6 are ESM with top-level await, which `require()` (and so tslab) cannot
 * load; they are imported lazily here, which works from both ESM and a tslab notebook.
 *
 * @param spec - a Vega-Lite spec; `width`, `height` and a light theme are filled in when absent
 * @param data - a frame to use as the spec's inline data (`data.values`), dates as UTC ISO strings
 * @returns the SVG document text
 * @throws ValidationError when Vega-Lite or Vega cannot compile the spec
 * @example
 * ```ts
 * const svg = await renderChart({ mark: "bar", encoding: { x: { field: "day", type: "temporal" }, y: { field: "events", type: "quantitative" } } }, daily);
 * svg.startsWith("<svg") //=> true
 * ```
 */
export async function renderChart(spec: VegaLiteSpec, data?: pl.DataFrame): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const config = { ...(DEFAULTS.config as object), ...((spec.config as object | undefined) ?? {}) };
  const full = { ...DEFAULTS, ...spec, config, ...(data ? { data: { values: valuesOf(data) } } : {}) };
  let view: InstanceType<typeof vega.View>;
  try {
    const compiled = vegaLite.compile(full as Parameters<typeof vegaLite.compile>[0]).spec;
    view = new vega.View(vega.parse(compiled), { renderer: "none" });
  } catch (error) {
    throw new ValidationError(
      `Vega-Lite could not compile the chart spec (${error instanceof Error ? error.message : String(error)}). Check "mark" and "encoding" against https://vega.github.io/vega-lite/docs/.`,
      { cause: error },
    );
  }
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
