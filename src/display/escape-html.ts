const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML element content and attribute values, so a cell holding `<script>` or
 * an e-mail like `"a&b" <x@y>` shows as text.
 *
 * @param text - any text
 * @returns the escaped text
 * @example
 * ```ts
 * escapeHtml('<b>"x" & y</b>') //=> "&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;"
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
