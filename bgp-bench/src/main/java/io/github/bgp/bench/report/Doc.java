package io.github.bgp.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The report as a list of blocks that sections append to; {@link Markdown} and {@link Html}
 * write it out. Text may hold {@code `code`} spans.
 */
final class Doc {

  /** One piece of the report. */
  sealed interface Block permits Heading, Text, Code, Bullets, Table, Figure {}

  /** A heading; level 1 is the report's title, sections use 2 and 3. */
  record Heading(int level, String text) implements Block {}

  /** A paragraph. */
  record Text(String text) implements Block {}

  /** Lines to copy into a shell. */
  record Code(List<String> lines) implements Block {
    Code {
      lines = List.copyOf(lines);
    }
  }

  /** A bulleted list. */
  record Bullets(List<String> items) implements Block {
    Bullets {
      items = List.copyOf(items);
    }
  }

  /**
   * A chart, written as {@code charts/<name>.svg} and {@code charts/<name>.png}.
   *
   * @param name the file name without extension
   * @param chart the chart
   * @param caption what it shows and where its numbers come from
   */
  record Figure(String name, Chart<?, ?> chart, String caption) implements Block {
    Figure {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(chart, "chart");
      Objects.requireNonNull(caption, "caption");
    }
  }

  /** A table of text cells; a column whose cells are all numbers is aligned right. */
  static final class Table implements Block {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
      this.header = List.of(header);
    }

    Table row(String... cells) {
      if (cells.length != header.size()) {
        throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.size() + " columns");
      }
      rows.add(Arrays.asList(cells.clone()));
      return this;
    }

    List<String> header() {
      return header;
    }

    List<List<String>> rows() {
      return List.copyOf(rows);
    }

    boolean rightAligned(int column) {
      return !rows.isEmpty() && rows.stream().map(r -> r.get(column)).allMatch(Table::numeric);
    }

    /** A number with an optional unit (683 ns, 98.0x, 652 MB), a list of them, or a dash. */
    private static final java.util.regex.Pattern NUMBERS = java.util.regex.Pattern.compile(
        "-?\\d[\\d,.]*\\s?[A-Za-z\u00b5/]*(,\\s*-?\\d[\\d,.]*\\s?[A-Za-z\u00b5/]*)*");

    private static boolean numeric(String cell) {
      return cell.equals(Format.NONE) || NUMBERS.matcher(cell).matches();
    }
  }

  private final String title;
  private final List<Block> blocks = new ArrayList<>();

  Doc(String title) {
    this.title = title;
  }

  String title() {
    return title;
  }

  List<Block> blocks() {
    return List.copyOf(blocks);
  }

  Doc heading(int level, String text) {
    blocks.add(new Heading(level, text));
    return this;
  }

  Doc text(String text) {
    blocks.add(new Text(text));
    return this;
  }

  Doc code(String... lines) {
    blocks.add(new Code(List.of(lines)));
    return this;
  }

  Doc code(List<String> lines) {
    blocks.add(new Code(lines));
    return this;
  }

  Doc bullets(List<String> items) {
    blocks.add(new Bullets(items));
    return this;
  }

  Doc table(Table table) {
    blocks.add(table);
    return this;
  }

  Doc figure(String name, Chart<?, ?> chart, String caption) {
    blocks.add(new Figure(name, chart, caption));
    return this;
  }

  List<Figure> figures() {
    return blocks.stream().filter(Figure.class::isInstance).map(Figure.class::cast).toList();
  }
}
