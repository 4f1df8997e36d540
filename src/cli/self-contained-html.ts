/** `<script … src="…">…</script>`: a script loaded from elsewhere (CDN, file:// copy). */
const EXTERNAL_SCRIPT = /<script\b[^>]*\bsrc\s*=\s*["']?(?!data:)[^"'\s>][^>]*>[\s\S]*?<\/script\s*>/gi;
/** `<link … href="…">` to a stylesheet or font elsewhere. */
const EXTERNAL_LINK = /<link\b[^>]*\bhref\s*=\s*["']?(?!data:|#)[^"'\s>][^>]*>/gi;
/** MathJax's configuration block: inert without MathJax, dropped with it. */
const MATHJAX_CONFIG = /<script\b[^>]*type\s*=\s*["']text\/x-mathjax-config["'][^>]*>[\s\S]*?<\/script\s*>/gi;

/**
 * Makes an nbconvert HTML report self-contained: drops every `<script src>` and `<link href>`
 * that loads something from elsewhere (nbconvert's MathJax and require.js, from a CDN or a
 * `file://` path), so an offline copy opens complete — no "Loading [MathJax]", no request
 * leaves the reader's machine. The kit's reports hold tables and SVG charts; they need neither.
 *
 * @param html - the HTML as nbconvert wrote it
 * @returns the HTML without external scripts and links
 * @example
 * ```ts
 * selfContainedHtml('<head><script src="https://cdn.example/MathJax.js"></script></head>') //=> "<head></head>"
 * ```
 */
export function selfContainedHtml(html: string): string {
  return html.replace(MATHJAX_CONFIG, "").replace(EXTERNAL_SCRIPT, "").replace(EXTERNAL_LINK, "");
}
