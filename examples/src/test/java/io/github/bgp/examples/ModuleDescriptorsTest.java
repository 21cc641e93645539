package io.github.bgp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every published module (each artifact the BOM pins) has a {@code module-info.java} named
 * {@code io.github.bgp.<name without bgp->} that exports each of its packages or lists it here as
 * internal, so a package added later is a decision, not an accident; and a module that registers
 * protocols in {@code META-INF/services} (the class path's way) provides the same ones in its
 * descriptor (the module path's way).
 */
class ModuleDescriptorsTest {

  private static final Path ROOT = ReadmeExampleTest.repositoryRoot();

  /**
   * The packages a module keeps to itself (not exported, or exported only {@code to} other bgp
   * modules). Every other package of every published module is API.
   */
  private static final Map<String, Set<String>> INTERNAL =
      Map.of("bgp-twophase", Set.of("io.github.bgp.twophase.internal"), // what the commit protocols share
          "bgp-sm", Set.of("io.github.bgp.sm.internal")); // what SM and Dolev-Strong share

  private static final Pattern EXPORTS =
      Pattern.compile("^\\s*exports\\s+([\\w.]+)\\s*(to\\s+[^;]+)?;", Pattern.MULTILINE);
  private static final Pattern PROVIDES =
      Pattern.compile("provides\\s+io\\.github\\.bgp\\.api\\.Protocol\\s+with\\s+([^;]+);");

  static List<String> publishedModules() throws Exception {
    Element bom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(ROOT.resolve("bgp-bom/pom.xml").toFile()).getDocumentElement();
    NodeList ids = bom.getElementsByTagName("artifactId");
    List<String> modules = new ArrayList<>();
    for (int i = 0; i < ids.getLength(); i++) {
      String id = ids.item(i).getTextContent().strip();
      Element parent = (Element) ids.item(i).getParentNode();
      if (parent.getTagName().equals("dependency") && id.startsWith("bgp-")) {
        modules.add(id);
      }
    }
    assertFalse(modules.isEmpty(), "the BOM pins no bgp module");
    return modules;
  }

  /** The packages with Java sources under {@code module/src/main/java}. */
  private static Set<String> packages(Path sources) throws IOException {
    try (Stream<Path> walk = Files.walk(sources)) {
      Set<String> packages = new TreeSet<>();
      walk.filter(p -> p.toString().endsWith(".java") && !p.getFileName().toString().equals("module-info.java"))
          .forEach(p -> packages.add(sources.relativize(p.getParent()).toString().replace('/', '.')));
      return packages;
    }
  }

  private static Set<String> words(String list) {
    Set<String> words = new TreeSet<>();
    for (String w : list.split("[\\s,]+")) {
      if (!w.isBlank()) {
        words.add(w);
      }
    }
    return words;
  }

  @Test
  void everyPublishedModuleExportsItsPackagesOrListsThemAsInternal() throws Exception {
    for (String module : publishedModules()) {
      Path sources = ROOT.resolve(module).resolve("src/main/java");
      Path descriptor = sources.resolve("module-info.java");
      assertTrue(Files.exists(descriptor), module + " has no module-info.java");
      String text = Files.readString(descriptor);
      String name = "io.github.bgp." + module.substring("bgp-".length());
      assertTrue(Pattern.compile("^module\\s+" + Pattern.quote(name) + "\\s*\\{", Pattern.MULTILINE)
          .matcher(text).find(), module + "'s module must be called " + name);

      Set<String> exported = new TreeSet<>();
      Matcher m = EXPORTS.matcher(text);
      while (m.find()) {
        if (m.group(2) == null) {
          exported.add(m.group(1));
        }
      }
      Set<String> internal = INTERNAL.getOrDefault(module, Set.of());
      for (String pkg : packages(sources)) {
        assertTrue(exported.contains(pkg) || internal.contains(pkg), module + "'s package " + pkg
            + " is neither exported in its module-info.java nor listed as internal in ModuleDescriptorsTest");
        assertFalse(exported.contains(pkg) && internal.contains(pkg), pkg + " is exported and listed as internal");
      }
    }
  }

  @Test
  void aModuleThatRegistersProtocolsProvidesTheSameOnes() throws Exception {
    int registering = 0;
    for (String module : publishedModules()) {
      Path services = ROOT.resolve(module).resolve("src/main/resources/META-INF/services/io.github.bgp.api.Protocol");
      String text = Files.readString(ROOT.resolve(module).resolve("src/main/java/module-info.java"));
      Matcher provides = PROVIDES.matcher(text);
      Set<String> provided = provides.find() ? words(provides.group(1)) : Set.of();
      Set<String> registered = new TreeSet<>();
      if (Files.exists(services)) {
        registering++;
        for (String line : Files.readAllLines(services)) {
          String entry = line.replaceAll("#.*", "").strip();
          if (!entry.isEmpty()) {
            registered.add(entry);
          }
        }
      }
      assertEquals(registered, provided, module + ": META-INF/services and module-info.java's provides differ");
      if (!provided.isEmpty()) {
        assertTrue(text.contains("requires transitive io.github.bgp.api;"), module + " must require bgp-api");
      }
    }
    assertTrue(registering >= 3, "bgp-om, bgp-sm and bgp-twophase register protocols; found " + registering);
  }
}
