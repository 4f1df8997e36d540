/**
 * The small stylesheet the kit's HTML outputs carry, scoped to `.kit-*` classes so it neither
 * leaks into the notebook nor loses to Jupyter's own table styles (which right-align cells).
 */
export const KIT_STYLES = `<style>
.kit-frame, .kit-chart, .kit-progress { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0.4em 0 1.2em; color: #1f2933; }
.kit-frame .kit-title, .kit-chart .kit-title { font-weight: 600; font-size: 1.05em; margin-bottom: 0.15em; }
.kit-frame .kit-shape { color: #616e7c; font-size: 0.85em; margin-bottom: 0.4em; }
.kit-frame table.kit-table { border-collapse: collapse; font-size: 0.85em; margin: 0; border: 1px solid #d9e2ec; }
.kit-frame table.kit-table th, .kit-frame table.kit-table td { padding: 0.3em 0.7em; text-align: left; vertical-align: top; border-bottom: 1px solid #e4e7eb; white-space: nowrap; max-width: 28em; overflow: hidden; text-overflow: ellipsis; }
.kit-frame table.kit-table thead th { background: #f0f4f8; font-weight: 600; border-bottom: none; }
.kit-frame table.kit-table thead tr.kit-dtypes th { font-weight: 400; font-size: 0.85em; color: #7b8794; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; padding-top: 0; border-bottom: 1px solid #bcccdc; }
.kit-frame table.kit-table tbody tr:nth-child(even) { background: #f8fafc; }
.kit-frame table.kit-table td.kit-num { text-align: right; font-variant-numeric: tabular-nums; }
.kit-frame table.kit-table td.kit-null { color: #9aa5b1; }
.kit-frame table.kit-table td.kit-wrap { white-space: normal; min-width: 16em; max-width: 40em; }
.kit-frame table.kit-table td.kit-true { color: #0b6e4f; font-weight: 600; }
.kit-frame .kit-more, .kit-frame .kit-empty { color: #616e7c; font-size: 0.85em; margin-top: 0.3em; }
.kit-progress .kit-bar { display: inline-block; width: 16em; height: 0.7em; background: #e4e7eb; border-radius: 0.35em; overflow: hidden; vertical-align: middle; margin-right: 0.6em; }
.kit-progress .kit-bar span { display: block; height: 100%; background: #2f80ed; }
.kit-progress { font-size: 0.9em; color: #3e4c59; }
.kit-note { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0.4em 0 1em; padding: 0.55em 0.9em; border-left: 4px solid #2f80ed; background: #f0f6ff; color: #1f2933; font-size: 0.92em; }
.kit-note.kit-warn { border-color: #f2994a; background: #fff7ed; }
.kit-note.kit-ok { border-color: #27ae60; background: #effaf3; }
.kit-provenance { border: 1px solid #bcccdc; border-radius: 4px; padding: 0.5em 0.8em; background: #fbfcfd; }
.kit-provenance .kit-meta { font-size: 0.88em; color: #3e4c59; margin-bottom: 0.4em; }
.kit-provenance td.kit-ok { color: #0b6e4f; font-weight: 600; }
.kit-provenance td.kit-bad { color: #b42318; font-weight: 700; }
.kit-provenance td.kit-host { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.kit-note.kit-gap { font-weight: 600; }
.kit-frame .kit-empty.kit-explained { color: #1f2933; font-size: 0.9em; border-left: 4px solid #9aa5b1; padding: 0.3em 0.7em; background: #f5f7fa; }
</style>`;
