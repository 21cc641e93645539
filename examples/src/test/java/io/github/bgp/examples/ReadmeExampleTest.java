package io.github.bgp.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's Java example is QuickStart's code, line for line, so it cannot rot. */
class ReadmeExampleTest {

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("bgp-bom"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("not inside the bgp repository: " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  @Test
  void theReadmeShowsQuickStartsCode() throws IOException {
    Path root = repositoryRoot();
    List<String> source = Files.readAllLines(
        root.resolve("examples/src/main/java/io/github/bgp/examples/QuickStart.java"));
    int begin = source.indexOf("    // README:begin");
    int end = source.indexOf("    // README:end");
    assertTrue(begin >= 0 && end > begin, "QuickStart has lost its README markers");
    String snippet = source.subList(begin + 1, end).stream().map(l -> l.strip()).collect(Collectors.joining("\n"));
    String readme = Files.readAllLines(root.resolve("README.md")).stream().map(String::strip)
        .collect(Collectors.joining("\n"));
    assertTrue(readme.contains(snippet), "README.md does not show QuickStart's code:\n" + snippet);
    assertTrue(readme.contains("mvn -B verify"), "README.md must give the test command");
    assertTrue(readme.contains("./bgp om "), "README.md must give the run command");
  }
}
