package io.github.bgp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public type of every published module (nested ones too, and the implicitly public members
 * of interfaces) has a Javadoc comment with {@code @since}: japicmp checks what changed between
 * releases, {@code @since} tells a reader when it came. The sources are parsed, not compiled.
 */
class PublicTypesTest {

  private static final Path ROOT = ReadmeExampleTest.repositoryRoot();

  private static List<Path> sources(String module) throws IOException {
    try (Stream<Path> walk = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
      return walk.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.getFileName().toString().equals("module-info.java"))
          .filter(p -> !p.getFileName().toString().equals("package-info.java")).sorted().toList();
    }
  }

  @Test
  void everyPublicTypeSaysSinceWhen() throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> missing = new ArrayList<>();
    int types = 0;
    for (String module : ModuleDescriptorsTest.publishedModules()) {
      try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
        JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
            files.getJavaFileObjectsFromPaths(sources(module)));
        DocTrees docs = DocTrees.instance(task);
        for (CompilationUnitTree unit : task.parse()) {
          List<String> found = new ArrayList<>();
          new TreePathScanner<Void, Boolean>() {
            @Override
            public Void visitClass(ClassTree type, Boolean inInterface) {
              boolean exposed = type.getModifiers().getFlags().contains(Modifier.PUBLIC)
                  || (inInterface && !type.getModifiers().getFlags().contains(Modifier.PRIVATE));
              if (!exposed) {
                return null;
              }
              found.add(type.getSimpleName().toString());
              DocCommentTree doc = docs.getDocCommentTree(getCurrentPath());
              if (doc == null || doc.getBlockTags().stream().noneMatch(t -> t.toString().startsWith("@since"))) {
                long line = unit.getLineMap().getLineNumber(docs.getSourcePositions().getStartPosition(unit, type));
                missing.add(ROOT.relativize(Path.of(unit.getSourceFile().toUri())) + ":" + line + " "
                    + type.getSimpleName());
              }
              boolean isInterface = type.getKind() == Tree.Kind.INTERFACE
                  || type.getKind() == Tree.Kind.ANNOTATION_TYPE;
              TreePath here = getCurrentPath();
              for (Tree member : type.getMembers()) {
                if (member instanceof ClassTree) {
                  scan(new TreePath(here, member), isInterface);
                }
              }
              return null;
            }
          }.scan(new TreePath(unit), false);
          types += found.size();
        }
      }
    }
    assertTrue(types > 100, "found only " + types + " public types: is the parse looking in the right place?");
    assertEquals(List.of(), missing, "public types without @since (add `@since 0.1.0` to their Javadoc, or the "
        + "version that adds them)");
  }
}
