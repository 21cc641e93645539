package io.github.bgp.view;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.Strategy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PagesForPeopleTest {
  @Test
  void writes() throws Exception {
    Path dir = Path.of("target/pages");
    Files.createDirectories(dir);
    ViewPage.write(dir.resolve("om.html"), RunView.agreement(Runs.om(7, Strategy.RANDOM, 3, 4)).command("bgp om --generals 7 --traitors 3,4"));
    ViewPage.write(dir.resolve("2pc.html"), Runs.commit(Runs.defaultWorkload(3, 3), Runs.crashAfter(0, 5, 100)).command("bgp 2pc --crash 0:5:after:100"));
    ViewPage.write(dir.resolve("tg.html"), Runs.twoGenerals("acks", 3));
    Files.writeString(dir.resolve("om.shiviz"), RunView.agreement(Runs.om(4, Strategy.SPLIT, 0)).shiviz());
    assertTrue(Files.size(dir.resolve("om.html")) > 1000);
  }
}
