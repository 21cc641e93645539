package io.github.bgp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Rules of the build that are easy to break without noticing: a test class Surefire does not
 * pick up never runs; a module missing from the BOM cannot be used with one import; a version
 * outside the parent pom drifts.
 */
class ProjectConventionsTest {

  private static final Path ROOT = ReadmeExampleTest.repositoryRoot();
  private static final Pattern TEST_ANNOTATION =
      Pattern.compile("@(?:[\\w.]+\\.)?(Test|ParameterizedTest|TestFactory|RepeatedTest|TestTemplate|FuzzTest)\\b");

  private static List<Path> files(String glob) throws IOException {
    var matcher = ROOT.getFileSystem().getPathMatcher("glob:" + glob);
    try (Stream<Path> walk = Files.walk(ROOT)) {
      return walk.filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
          .filter(p -> matcher.matches(ROOT.relativize(p))).sorted().toList();
    }
  }

  private static Document xml(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  /** Whether the module's pom configures maven-deploy-plugin with {@code <skip>true</skip>}. */
  private static boolean skipsDeploy(Element pom) {
    NodeList plugins = pom.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      NodeList skip = plugin.getElementsByTagName("skip");
      if ("maven-deploy-plugin".equals(child(plugin, "artifactId")) && skip.getLength() > 0
          && skip.item(0).getTextContent().strip().equals("true")) {
        return true;
      }
    }
    return false;
  }

  private static Element childElement(Element e, String name) {
    NodeList list = e.getElementsByTagName(name);
    for (int i = 0; i < list.getLength(); i++) {
      if (list.item(i).getParentNode() == e) {
        return (Element) list.item(i);
      }
    }
    return null;
  }

  /** The text of {@code e} and everything in it, each run of whitespace one space: what a pom part says. */
  private static String says(Element e) {
    return e == null ? null : e.getTextContent().strip().replaceAll("\\s+", " ");
  }

  /** The version a pom's build gives {@code plugin} (the parent's through a property, the BOM's literally). */
  private static String pluginVersion(Element pom, String plugin) {
    NodeList plugins = pom.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element p = (Element) plugins.item(i);
      if (plugin.equals(child(p, "artifactId")) && child(p, "version") != null) {
        String v = child(p, "version");
        Matcher property = Pattern.compile("\\$\\{(.+)}").matcher(v);
        return property.matches() ? child(childElement(pom, "properties"), property.group(1)) : v;
      }
    }
    return null;
  }

  private static String child(Element e, String name) {
    NodeList list = e.getElementsByTagName(name);
    for (int i = 0; i < list.getLength(); i++) {
      if (list.item(i).getParentNode() == e) {
        return list.item(i).getTextContent().strip();
      }
    }
    return null;
  }

  @Test
  void everyTestClassHasANameSurefireRuns() throws IOException {
    List<String> misnamed = new ArrayList<>();
    for (Path p : files("**/src/test/java/**.java")) {
      String name = p.getFileName().toString().replace(".java", "");
      boolean hasTests = TEST_ANNOTATION.matcher(Files.readString(p)).find();
      boolean runs = name.endsWith("Test") || name.endsWith("Tests") || name.startsWith("Test") || name.endsWith("TestCase");
      if (hasTests && !runs) {
        misnamed.add(ROOT.relativize(p).toString());
      }
    }
    assertEquals(List.of(), misnamed, "test classes Surefire would silently skip");
  }

  @Test
  void noTestIsDisabledAndJqwikIsNotUsed() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path p : files("**/src/**.java")) {
      if (p.getFileName().toString().equals("ProjectConventionsTest.java")) {
        continue; // this file names what it looks for
      }
      String text = Files.readString(p);
      if (text.contains("@Disabled") || text.contains("net.jqwik")) {
        offenders.add(ROOT.relativize(p).toString());
      }
    }
    for (Path p : files("**pom.xml")) {
      if (Files.readString(p).contains("jqwik")) {
        offenders.add(ROOT.relativize(p).toString());
      }
    }
    assertEquals(List.of(), offenders);
  }

  @Test
  void theBomListsEveryPublishedModuleAtTheParentsVersion() throws Exception {
    Element parent = xml(ROOT.resolve("pom.xml")).getDocumentElement();
    String version = child(parent, "version");
    TreeSet<String> published = new TreeSet<>();
    NodeList modules = parent.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent().strip();
      Element pom = xml(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
      String packaging = child(pom, "packaging");
      if (!skipsDeploy(pom) && (packaging == null || packaging.equals("jar"))) {
        published.add(child(pom, "artifactId"));
      }
    }
    // A published module that needs an unpublished one cannot be used from a repository.
    List<String> broken = new ArrayList<>();
    for (String module : published) {
      Element pom = xml(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
      NodeList needs = pom.getElementsByTagName("dependency");
      for (int i = 0; i < needs.getLength(); i++) {
        Element d = (Element) needs.item(i);
        String artifact = child(d, "artifactId");
        if ("io.github.bgp".equals(child(d, "groupId")) && !"test".equals(child(d, "scope"))
            && !published.contains(artifact)) {
          broken.add(module + " -> " + artifact);
        }
      }
    }
    assertEquals(List.of(), broken, "published modules that depend on unpublished ones");
    Element bom = xml(ROOT.resolve("bgp-bom/pom.xml")).getDocumentElement();
    assertEquals(version, child(bom, "version"), "bgp-bom's version");
    TreeSet<String> listed = new TreeSet<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      listed.add(child(d, "artifactId"));
      assertEquals(version, child(d, "version"), "version of " + child(d, "artifactId") + " in the BOM");
    }
    assertEquals(published, listed, "modules in the BOM");
  }

  @Test
  void theBomSaysOfTheProjectWhatTheParentSays() throws Exception {
    // The BOM has no parent (so that importing it pins nothing but bgp), hence it repeats these.
    Element parent = xml(ROOT.resolve("pom.xml")).getDocumentElement();
    Element bom = xml(ROOT.resolve("bgp-bom/pom.xml")).getDocumentElement();
    for (String part : List.of("url", "inceptionYear", "organization", "licenses", "developers", "scm",
        "issueManagement")) {
      assertTrue(says(childElement(parent, part)) != null && !says(childElement(parent, part)).isEmpty(),
          "the parent pom's " + part + " (Maven Central requires url, licenses, scm and developers)");
      assertEquals(says(childElement(parent, part)), says(childElement(bom, part)), "bgp-bom's " + part);
    }
    assertEquals(child(childElement(parent, "properties"), "project.build.outputTimestamp"),
        child(childElement(bom, "properties"), "project.build.outputTimestamp"), "bgp-bom's build timestamp");
    for (String plugin : List.of("maven-install-plugin", "maven-deploy-plugin", "maven-site-plugin",
        "maven-gpg-plugin")) {
      assertEquals(pluginVersion(parent, plugin), pluginVersion(bom, plugin), "bgp-bom's " + plugin);
    }
  }

  @Test
  void onlyTheParentPomNamesDependencyVersions() throws Exception {
    List<String> pinned = new ArrayList<>();
    Pattern dependencies = Pattern.compile("<dependencies>(.*?)</dependencies>", Pattern.DOTALL);
    Pattern management = Pattern.compile("<dependencyManagement>.*?</dependencyManagement>", Pattern.DOTALL);
    for (Path p : files("*/pom.xml")) {
      if (p.startsWith(ROOT.resolve("bgp-bom"))) {
        continue;
      }
      // A module may import the BOM, as a user's pom does; it may not pin what it depends on.
      String text = management.matcher(Files.readString(p)).replaceAll("");
      Matcher m = dependencies.matcher(text);
      while (m.find()) {
        if (m.group(1).contains("<version>")) {
          pinned.add(ROOT.relativize(p).toString());
        }
      }
    }
    assertEquals(List.of(), pinned, "module poms that pin a dependency version");
    assertTrue(Files.readString(ROOT.resolve("pom.xml")).contains("<dependencyManagement>"));
  }
}
