package io.github.bgp.bench.report;

import java.util.List;
import java.util.Set;

/** Writes a {@link Doc} as GitHub-flavoured Markdown, the charts as PNG images linking to their SVG. */
final class Markdown {

  private static final Set<String> VERDICTS = Set.of("PASS", "FAIL", "NOT MEASURED");

  private Markdown() {}

  static String write(Doc doc) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(doc.title()).append("\n\n");
    for (Doc.Block b : doc.blocks()) {
      if (b instanceof Doc.Heading h) {
        md.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
      } else if (b instanceof Doc.Text t) {
        md.append(t.text()).append("\n\n");
      } else if (b instanceof Doc.Code c) {
        md.append("```sh\n");
        c.lines().forEach(l -> md.append(l).append('\n'));
        md.append("```\n\n");
      } else if (b instanceof Doc.Bullets list) {
        list.items().forEach(i -> md.append("- ").append(i).append('\n'));
        md.append('\n');
      } else if (b instanceof Doc.Table t) {
        table(md, t);
      } else if (b instanceof Doc.Figure f) {
        String title = f.chart().getTitle();
        md.append("![").append(title).append("](charts/").append(f.name()).append(".png)\n\n");
        md.append('*').append(f.caption()).append("* ([SVG](charts/").append(f.name()).append(".svg))\n\n");
      }
    }
    return md.toString();
  }

  private static void table(StringBuilder md, Doc.Table t) {
    List<String> header = t.header();
    md.append('|');
    header.forEach(h -> md.append(' ').append(cell(h)).append(" |"));
    md.append("\n|");
    for (int c = 0; c < header.size(); c++) {
      md.append(t.rightAligned(c) ? " ---: |" : " --- |");
    }
    md.append('\n');
    for (List<String> row : t.rows()) {
      md.append('|');
      for (String cell : row) {
        md.append(' ').append(VERDICTS.contains(cell) ? "**" + cell + "**" : cell(cell)).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
