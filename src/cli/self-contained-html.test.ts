import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { selfContainedHtml } from "./self-contained-html.js";

describe("selfContainedHtml", () => {
  it("drops nbconvert's MathJax and require.js (CDN or file://) and external stylesheets, keeps inline content", () => {
    const html = [
      "<head>",
      '<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script>',
      "<!-- Load mathjax -->",
      '    <script src="file:///usr/share/javascript/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"> </script>',
      '    <script type="text/x-mathjax-config">\n    init_mathjax = function() { MathJax.Hub.Config({}); }\n    </script>',
      "<link rel='stylesheet' href=https://fonts.example/font.css>",
      '<link rel="icon" href="data:image/png;base64,AAAA">',
      "<style>body{}</style>",
      "</head><body>",
      "<script>console.log('inline')</script>",
      '<svg class="marks"><path d="M0,0"/></svg>',
      "</body>",
    ].join("\n");
    assert.equal(
      selfContainedHtml(html),
      [
        "<head>",
        "",
        "<!-- Load mathjax -->",
        "    ",
        "    ",
        "",
        '<link rel="icon" href="data:image/png;base64,AAAA">',
        "<style>body{}</style>",
        "</head><body>",
        "<script>console.log('inline')</script>",
        '<svg class="marks"><path d="M0,0"/></svg>',
        "</body>",
      ].join("\n"),
    );
  });

  it("leaves HTML without external resources unchanged", () => {
    const html = '<table class="kit-table"><tr><td>a</td></tr></table>';
    assert.equal(selfContainedHtml(html), html);
  });
});
