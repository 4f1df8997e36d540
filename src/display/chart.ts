import type pl from "nodejs-polars";
import { escapeHtml } from "./escape-html.js";
import { KIT_STYLES } from "./kit-styles.js";
import { displayHtml } from "./notebook-display.js";
import { renderChart, type VegaLiteSpec } from "./render-chart.js";

/**
 * Options of {@link chart}.
 *
 * @example
 * ```ts
 * const options: ChartOptions = { data: daily, title: "Events per day" };
 * ```
 */
export interface ChartOptions {
  /** A frame to plot: it becomes the spec's inline data. @default the spec's own `data` */
  data?: pl.DataFrame;
  /** A heading above the chart (the spec's own `title` also works). @default none */
  title?: string;
}

/**
 * Renders a Vega-Lite chart to SVG in Node and shows it in the notebook as HTML — not as an
 * SVG output, because nbconvert 6.5's HTML export strips the marks out of `image/svg+xml`
 * outputs, while HTML outputs survive intact.
 *
 * Inside a notebook it returns nothing (tslab would otherwise print the SVG text under the
 * chart); elsewhere it returns the HTML fragment holding the SVG. Use {@link renderChart} for
 * the bare SVG.
 *
 * @param spec - a Vega-Lite spec (`mark`, `encoding`, …)
 * @param options - `data` (a frame) and `title`
 * @returns undefined when displayed in a notebook, else the HTML with the inline SVG
 * @throws ValidationError when Vega-Lite or Vega cannot compile the spec
 * @example
 * ```ts
 * await chart(
 *   { mark: "bar", encoding: { x: { field: "day", type: "temporal" }, y: { field: "events", type: "quantitative" } } },
 *   { data: activityByDay(events), title: "Events per day" },
 * );
 * ```
 */
export async function chart(spec: VegaLiteSpec, options: ChartOptions = {}): Promise<string | undefined> {
  const svg = await renderChart(spec, options.data);
  const title = options.title ? `<div class="kit-title">${escapeHtml(options.title)}</div>` : "";
  const html = `${KIT_STYLES}<div class="kit-chart">${title}${svg}</div>`;
  return displayHtml(html) ? undefined : html;
}
