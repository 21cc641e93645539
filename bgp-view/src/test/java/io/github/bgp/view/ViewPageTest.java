package io.github.bgp.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.Strategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewPageTest {

  private static final Pattern DATA =
      Pattern.compile("<script id=\"bgp-run\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL);

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void theFileHoldsTheRunItsStyleAndItsScriptAndLoadsNothing(@TempDir Path dir) throws Exception {
    RunView v = RunView.agreement(Runs.om(7, Strategy.RANDOM, 3, 4)).command("bgp om --generals 7 --traitors 3,4");
    Path file = dir.resolve("run.html");
    ViewPage.write(file, v);
    String html = Files.readString(file);
    Matcher m = DATA.matcher(html);
    assertTrue(m.find());
    assertEquals(Json.MAPPER.readTree(v.json()), Json.MAPPER.readTree(m.group(1)), "the run, as RunView.json()");
    assertTrue(html.contains("function drawAgreement"), "the script is inline");
    assertTrue(html.contains(".tnode {"), "the style sheet is inline");
    assertFalse(html.contains("/*BGP-"), "every part is filled in");
    assertEquals(2, count(html, "<script"), "the run's data and the page's script, nothing loaded");
    assertFalse(html.matches("(?s).*\\b(src|href)=.*"), "no src or href: nothing to fetch");
    // The SVG namespace is a name, never fetched; no other address may appear.
    String addresses = html.replace("'http://www.w3.org/2000/svg'", "");
    assertFalse(addresses.contains("http://") || addresses.contains("https://"), "no address of anywhere");
    assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    assertTrue(html.contains("<title>bgp view: OM(2) with 7 generals, traitors lieutenant 3 and lieutenant 4</title>"));
  }

  @Test
  void textInTheRunCannotEndItsScriptElement() throws Exception {
    RunView v = RunView.agreement(Runs.om(4, Strategy.FLIP, 3)).command("</script><script>alert(1)</script> & <b>");
    String html = ViewPage.html(v);
    assertEquals(2, count(html, "<script"));
    Matcher m = DATA.matcher(html);
    assertTrue(m.find());
    assertEquals("</script><script>alert(1)</script> & <b>",
        Json.MAPPER.readTree(m.group(1)).get("command").asText(), "the JSON still says it, escaped");
  }

  @Test
  void theServedPageHasNoRun() {
    Matcher m = DATA.matcher(ViewPage.live());
    assertTrue(m.find());
    assertEquals("null", m.group(1));
  }
}
