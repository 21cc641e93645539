package io.github.bgp.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A text table: a header, a rule under it, and rows, with every column aligned. */
final class Table {

  private static final String GUTTER = "  ";

  private final String[] header;
  private final boolean headed;
  private final boolean[] right;
  private final List<String[]> rows = new ArrayList<>();

  /** A table with these column headings. */
  Table(String... header) {
    this(header.clone(), true);
  }

  private Table(String[] header, boolean headed) {
    this.header = header;
    this.headed = headed;
    this.right = new boolean[header.length];
  }

  /** A table of aligned rows without headings, as for a list of labelled values. */
  static Table withoutHeader(int columns) {
    String[] none = new String[columns];
    Arrays.fill(none, "");
    return new Table(none, false);
  }

  /** Aligns column {@code column} (from 0) to the right, as for numbers. */
  Table alignRight(int column) {
    right[column] = true;
    return this;
  }

  Table row(String... cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.length + " columns");
    }
    rows.add(cells.clone());
    return this;
  }

  /** The table, one line per row, each ending with a newline and none with trailing spaces. */
  String render() {
    int[] width = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      width[c] = header[c].length();
      for (String[] row : rows) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    String[] rule = new String[header.length];
    for (int c = 0; c < header.length; c++) {
      rule[c] = "-".repeat(width[c]);
    }
    StringBuilder b = new StringBuilder();
    if (headed) {
      line(b, header, width);
      line(b, rule, width);
    }
    for (String[] row : rows) {
      line(b, row, width);
    }
    return b.toString();
  }

  private void line(StringBuilder b, String[] cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        l.append(GUTTER);
      }
      String pad = " ".repeat(width[c] - cells[c].length());
      l.append(right[c] ? pad + cells[c] : cells[c] + pad);
    }
    b.append(l.toString().stripTrailing()).append('\n');
  }
}
