package io.github.bgp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolsTest {

  @TempDir
  Path temp;

  /** Runs {@code body} with the context class loader set to {@code loader}, then restores the previous one. */
  private static void withContextLoader(ClassLoader loader, Runnable body) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      body.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** A class loader over the test class path that also sees a services file naming {@code providers}. */
  private URLClassLoader withServices(String... providers) throws IOException {
    Path services = temp.resolve("META-INF/services/" + Protocol.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, String.join("\n", providers) + "\n", StandardCharsets.UTF_8);
    return new URLClassLoader(new URL[] {temp.toUri().toURL()}, ProtocolsTest.class.getClassLoader());
  }

  @Test
  void namesAreTheRegisteredProvidersInAlphabeticalOrder() {
    assertEquals(List.of("test-agreement", "test-commit"), Protocols.names());
    List<Protocol> all = Protocols.all();
    assertEquals(List.of("test-agreement", "test-commit"), all.stream().map(Protocol::name).toList());
    assertInstanceOf(TestAgreementProtocol.class, all.get(0));
    assertInstanceOf(TestCommitProtocol.class, all.get(1));
    assertThrows(UnsupportedOperationException.class, () -> Protocols.names().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> Protocols.all().clear());
  }

  @Test
  void byNameFindsEachProvider() {
    assertInstanceOf(TestAgreementProtocol.class, Protocols.byName("test-agreement"));
    assertInstanceOf(TestCommitProtocol.class, Protocols.byName("test-commit"));
    assertEquals("test-commit", Protocols.byName("test-commit").name());
  }

  @Test
  void byFamilyReturnsTheProtocolAsThatFamily() {
    AgreementProtocol a = Protocols.agreement("test-agreement");
    assertInstanceOf(TestAgreementProtocol.class, a);
    assertInstanceOf(TestAgreementProtocol.class, Protocols.byName("test-agreement", AgreementProtocol.class));
    assertInstanceOf(TestCommitProtocol.class, Protocols.byName("test-commit", Protocol.class));
    assertFalse(a.guarantee(Scenario.builder(4).build()).holds());
  }

  @Test
  void anUnknownNameListsTheAvailableOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Protocols.byName("om"));
    assertTrue(e.getMessage().contains("'om'"), e.getMessage());
    assertTrue(e.getMessage().contains("test-agreement, test-commit"), e.getMessage());
    IllegalArgumentException viaFamily = assertThrows(IllegalArgumentException.class, () -> Protocols.agreement("sm"));
    assertTrue(viaFamily.getMessage().contains("'sm'") && viaFamily.getMessage().contains("test-agreement"),
        viaFamily.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Protocols.byName(""));
    assertThrows(IllegalArgumentException.class, () -> Protocols.byName("TEST-AGREEMENT"));
  }

  @Test
  void aProtocolOfAnotherFamilyIsAnErrorListingThoseThatFit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Protocols.agreement("test-commit"));
    String message = e.getMessage();
    assertTrue(message.contains("'test-commit'"), message);
    assertTrue(message.contains("a commit protocol, not an agreement one"), message);
    String available = message.substring(message.lastIndexOf("available:") + "available:".length()).strip();
    assertEquals("test-agreement", available, message);
  }

  @Test
  void protocolsOfAFamilyAreListedByFamily() {
    assertEquals(List.of("test-agreement"),
        Protocols.of(Protocol.Family.AGREEMENT).stream().map(Protocol::name).toList());
    assertEquals(List.of("test-commit"), Protocols.of(Protocol.Family.COMMIT).stream().map(Protocol::name).toList());
    assertEquals("commit", Protocol.Family.COMMIT.word());
    assertEquals("durable-log", Protocol.Capability.DURABLE_LOG.word());
  }

  @Test
  void twoClassesWithOneNameAreAnError() throws IOException {
    try (URLClassLoader loader = withServices(DuplicateNameProtocolA.class.getName(), DuplicateNameProtocolB.class.getName())) {
      withContextLoader(loader, () -> {
        IllegalStateException e = assertThrows(IllegalStateException.class, Protocols::names);
        assertTrue(e.getMessage().contains("'test-duplicate'"), e.getMessage());
        assertTrue(e.getMessage().contains(DuplicateNameProtocolA.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(DuplicateNameProtocolB.class.getName()), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Protocols.byName("test-agreement"));
        assertThrows(IllegalStateException.class, Protocols::all);
      });
    }
    assertEquals(List.of("test-agreement", "test-commit"), Protocols.names(), "the context class loader was not restored");
  }

  @Test
  void oneClassRegisteredTwiceIsNotADuplicate() throws IOException {
    try (URLClassLoader loader = withServices(TestAgreementProtocol.class.getName(), DuplicateNameProtocolA.class.getName())) {
      withContextLoader(loader, () ->
          assertEquals(List.of("test-agreement", "test-commit", "test-duplicate"), Protocols.names()));
    }
  }

  @Test
  void theContextClassLoaderDecidesWhatIsAvailable() throws IOException {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      withContextLoader(empty, () -> {
        assertEquals(List.of(), Protocols.names());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Protocols.byName("om"));
        assertTrue(e.getMessage().contains("none"), e.getMessage());
      });
    }
  }

  @Test
  void withoutAContextClassLoaderTheLibrarysOwnLoaderIsUsed() {
    withContextLoader(null, () -> assertEquals(List.of("test-agreement", "test-commit"), Protocols.names()));
    assertSame(TestCommitProtocol.class, Protocols.byName("test-commit").getClass());
  }

  @Test
  void aNullNameIsAnUnknownName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Protocols.byName(null));
    assertTrue(e.getMessage().contains("unknown protocol 'null'"), e.getMessage());
  }
}
