package io.github.bgp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example as a module of a user's own, on the module path: QuickStart's source is
 * compiled with the README's {@code module-info.java} (module {@code my.app}, which requires only
 * {@code io.github.bgp.sim} and through it, transitively, {@code io.github.bgp.api}), then run
 * with {@code java --module-path ... -m my.app/...} on the bgp modules' jars. {@code om} is
 * found although the example does not require {@code io.github.bgp.om}: the launcher binds the
 * providers of {@code Protocol} that {@code io.github.bgp.api} {@code uses}. A missing export
 * fails the compilation; a missing {@code uses} or {@code provides} fails the run.
 */
class ModulePathTest {

  private static final Path QUICK_START =
      ReadmeExampleTest.repositoryRoot().resolve("examples/src/main/java/io/github/bgp/examples/QuickStart.java");

  /** The README's {@code module my.app { ... }} block. */
  private static String readmeModuleInfo() throws IOException {
    String readme = Files.readString(ReadmeExampleTest.repositoryRoot().resolve("README.md"));
    int start = readme.indexOf("module my.app {");
    assertTrue(start >= 0, "README.md has lost its module-info.java example (module my.app)");
    int end = readme.indexOf("\n}\n", start);
    assertTrue(end > start, "README.md's module my.app has no closing brace");
    return readme.substring(start, end + 3);
  }

  /** The runtime dependencies, written by maven-dependency-plugin's build-classpath (see examples/pom.xml). */
  private static String modulePath() throws IOException {
    Path file = Path.of("target", "module-path.txt");
    assertTrue(Files.exists(file), "no " + file.toAbsolutePath() + ": run the tests through Maven");
    String path = Files.readString(file).strip();
    assertTrue(path.contains("bgp-om") && path.contains("bgp-sim") && path.contains("bgp-api"), path);
    return path;
  }

  @Test
  void theReadmeExampleRunsOnTheModulePath(@TempDir Path dir) throws Exception {
    String modulePath = modulePath();
    Path source = dir.resolve("src");
    Path classes = dir.resolve("classes");
    Path quickStart = source.resolve("io/github/bgp/examples/QuickStart.java");
    Files.createDirectories(quickStart.getParent());
    Files.copy(QUICK_START, quickStart);
    Path moduleInfo = source.resolve("module-info.java");
    Files.writeString(moduleInfo, readmeModuleInfo());

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled = javac.getTask(new PrintWriter(diagnostics), null, null,
        List.of("--release", "17", "--module-path", modulePath, "-d", classes.toString()), null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
            .getJavaFileObjects(moduleInfo, quickStart)).call();
    assertTrue(compiled, "the README example does not compile on the module path:\n" + diagnostics);

    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", classes + java.io.File.pathSeparator + modulePath,
        "-m", "my.app/io.github.bgp.examples.QuickStart"));
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    java.getInputStream().transferTo(output);
    // The stream ends when the process exits; the bound only keeps a wedged JVM from hanging the build.
    assertTrue(java.waitFor(5, TimeUnit.MINUTES), "java -m did not exit");
    String printed = output.toString(StandardCharsets.UTF_8);
    assertEquals(0, java.exitValue(), String.join(" ", command) + "\n" + printed);
    assertEquals(List.of("{1=ATTACK, 2=ATTACK, 5=ATTACK, 6=ATTACK}", "IC1 true, IC2 true, messages 156"),
        printed.lines().toList());
  }
}
