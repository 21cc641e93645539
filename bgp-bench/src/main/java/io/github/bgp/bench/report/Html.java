package io.github.bgp.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Writes a {@link Doc} as one self-contained HTML page, the charts as SVG images with their PNG beside. */
final class Html {

  private static final Set<String> VERDICTS = Set.of("PASS", "FAIL", "NOT MEASURED");

  private static final String STYLE = String.join("\n",
      "body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; max-width: 1000px;"
          + " margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }",
      "h1 { border-bottom: 2px solid #ddd; padding-bottom: .3em; }",
      "h2 { border-bottom: 1px solid #eee; padding-bottom: .2em; margin-top: 2em; }",
      "table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }",
      "th, td { border: 1px solid #ccc; padding: .3em .6em; vertical-align: top; }",
      "th { background: #f4f4f4; text-align: left; }",
      "td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }",
      "td.pass { background: #dff0d8; font-weight: bold; color: #2b662b; }",
      "td.fail { background: #f2dede; font-weight: bold; color: #a12a2a; }",
      "td.not-measured { background: #f7f3e0; font-weight: bold; color: #7a6514; }",
      "code, pre { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 0.9em; }",
      "code { background: #f4f4f4; padding: 0 .2em; }",
      "pre { background: #f6f8fa; border: 1px solid #e1e4e8; padding: .8em; overflow-x: auto; }",
      "figure { margin: 1.5em 0; }",
      "figure img { max-width: 100%; height: auto; border: 1px solid #eee; }",
      "figcaption { font-size: 0.9em; color: #555; }");

  private Html() {}

  static String write(Doc doc) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(doc.title())).append("</title>\n")
        .append("<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n")
        .append("<h1>").append(escape(doc.title())).append("</h1>\n");
    for (Doc.Block b : doc.blocks()) {
      if (b instanceof Doc.Heading hd) {
        int level = Math.min(6, hd.level());
        h.append("<h").append(level).append('>').append(inline(hd.text())).append("</h").append(level).append(">\n");
      } else if (b instanceof Doc.Text t) {
        h.append("<p>").append(inline(t.text())).append("</p>\n");
      } else if (b instanceof Doc.Code c) {
        h.append("<pre><code>").append(escape(String.join("\n", c.lines()))).append("</code></pre>\n");
      } else if (b instanceof Doc.Bullets list) {
        h.append("<ul>\n");
        list.items().forEach(i -> h.append("<li>").append(inline(i)).append("</li>\n"));
        h.append("</ul>\n");
      } else if (b instanceof Doc.Table t) {
        table(h, t);
      } else if (b instanceof Doc.Figure f) {
        String title = escape(f.chart().getTitle());
        h.append("<figure>\n<img src=\"charts/").append(f.name()).append(".svg\" alt=\"").append(title)
            .append("\" width=\"").append(f.chart().getWidth()).append("\">\n<figcaption>").append(inline(f.caption()))
            .append(" (<a href=\"charts/").append(f.name()).append(".png\">PNG</a>, <a href=\"charts/")
            .append(f.name()).append(".svg\">SVG</a>)</figcaption>\n</figure>\n");
      }
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void table(StringBuilder h, Doc.Table t) {
    h.append("<table>\n<thead><tr>");
    t.header().forEach(c -> h.append("<th>").append(inline(c)).append("</th>"));
    h.append("</tr></thead>\n<tbody>\n");
    List<List<String>> rows = t.rows();
    for (List<String> row : rows) {
      h.append("<tr>");
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        String cls = VERDICTS.contains(cell) ? cell.toLowerCase(Locale.ROOT).replace(' ', '-')
            : t.rightAligned(c) ? "num" : null;
        h.append(cls == null ? "<td>" : "<td class=\"" + cls + "\">").append(inline(cell)).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  /** Escapes {@code text} and turns its {@code `code`} spans into code elements. */
  static String inline(String text) {
    StringBuilder out = new StringBuilder();
    String[] parts = text.split("`", -1);
    for (int i = 0; i < parts.length; i++) {
      boolean code = i % 2 == 1 && i < parts.length - 1;
      if (code) {
        out.append("<code>").append(escape(parts[i])).append("</code>");
      } else {
        if (i % 2 == 1) {
          out.append('`');
        }
        out.append(escape(parts[i]));
      }
    }
    return out.toString();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
