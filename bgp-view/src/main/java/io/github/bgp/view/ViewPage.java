package io.github.bgp.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The view's page: one HTML file with its style sheet and script inline (the module's resources
 * {@code view.html}, {@code view.css}, {@code view.js}), and either a run's JSON inline too
 * ({@link #html(RunView)}: a file that opens offline, from disk, for a course page) or none
 * ({@link #live()}: the page {@code bgp view} serves, which asks the server for runs). The page
 * loads nothing from anywhere: no font, no library, no image.
 */
public final class ViewPage {

  private static final String TEMPLATE = resource("view.html");
  private static final String CSS = resource("view.css");
  private static final String JS = resource("view.js");

  private ViewPage() {}

  /** The page with {@code view}'s run in it, self-contained. */
  public static String html(RunView view) {
    Objects.requireNonNull(view, "view");
    return page("bgp view: " + view.title(), view.json());
  }

  /** The page {@code bgp view} serves: no run in it; the student sets one up. */
  public static String live() {
    return page("bgp view", "null");
  }

  /**
   * Writes {@code view}'s page to {@code file} (UTF-8), replacing what was there.
   *
   * @throws UncheckedIOException if it cannot be written
   */
  public static void write(Path file, RunView view) {
    try {
      Files.writeString(file, html(view), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String page(String title, String json) {
    // Inside <script>, "</" would end the element and "<!--" start a comment: JSON may spell '<' as \u003c.
    String data = json.replace("<", "\\u003c");
    String script = JS.replace("</script", "<\\/script");
    StringBuilder b = new StringBuilder(TEMPLATE.length() + CSS.length() + JS.length() + data.length());
    int at = 0;
    for (String[] part : new String[][] {{"/*BGP-TITLE*/", escape(title)}, {"/*BGP-CSS*/", CSS},
        {"/*BGP-DATA*/", data}, {"/*BGP-JS*/", script}}) {
      int i = TEMPLATE.indexOf(part[0], at);
      if (i < 0) {
        throw new IllegalStateException("bgp-view's view.html has no " + part[0] + " after offset " + at);
      }
      b.append(TEMPLATE, at, i).append(part[1]);
      at = i + part[0].length();
    }
    return b.append(TEMPLATE, at, TEMPLATE.length()).toString();
  }

  /** Text for an HTML element's content. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String resource(String name) {
    try (InputStream in = ViewPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("bgp-view's resource " + name + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
