package io.github.bgp.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.KeyRing;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys from standard files drive SM(m) as keys from the seed do; bad files say what is wrong. */
class KeyFilesTest {

  private static final Scenario SCENARIO = Scenario.builder(4).m(1).traitors(2).strategy(Strategy.FLIP).build();

  private static Outcome runWith(KeyRing ring) {
    return Simulation.builder().keys(ring).build().execute(SmFixtures.SM, SCENARIO);
  }

  @Test
  void pemFilesInADirectoryMakeAWorkingRing(@TempDir Path dir) throws Exception {
    Map<NodeId, KeyPair> pairs = KeyFiles.generate(4);
    KeyFiles.writeDirectory(pairs, dir);
    assertTrue(Files.readString(dir.resolve("node-2.key.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertTrue(Files.readString(dir.resolve("node-2.pub.pem")).startsWith("-----BEGIN PUBLIC KEY-----"));
    KeyRing ring = KeyFiles.readDirectory(dir, 4);
    for (NodeId id : pairs.keySet()) {
      assertEquals(pairs.get(id).getPublic(), ring.publicKey(id));
    }
    Outcome o = runWith(ring);
    assertTrue(o.ic1() && o.ic2(), o.toString());
    assertEquals(2, o.counter("messages.rejected"), "the traitor's forged relays, to lieutenants 1 and 3");
  }

  @Test
  void aPkcs12KeystoreMakesAWorkingRing(@TempDir Path dir) {
    Map<NodeId, KeyPair> pairs = KeyFiles.generate(4);
    Path store = dir.resolve("cluster.p12");
    KeyFiles.writeKeyStore(pairs, store, "secret".toCharArray());
    KeyRing ring = KeyFiles.readKeyStore(store, "secret".toCharArray());
    assertEquals(4, ring.nodes().size());
    assertTrue(ring.privateKey(NodeId.of(3)).isPresent());
    assertTrue(runWith(ring).ic2());
  }

  @Test
  void aNodeWhosePrivateKeyIsMissingCannotSign(@TempDir Path dir) throws Exception {
    Map<NodeId, KeyPair> pairs = KeyFiles.generate(4);
    KeyFiles.writeDirectory(pairs, dir);
    Files.delete(dir.resolve("node-1.key.pem"));
    KeyRing ring = KeyFiles.readDirectory(dir, 4);
    assertFalse(ring.privateKey(NodeId.of(1)).isPresent());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runWith(ring));
    assertTrue(e.getMessage().contains("no private key for node 1"), e.getMessage());
  }

  @Test
  void badFilesAreRefusedNamingTheFileAndTheProblem(@TempDir Path dir) throws Exception {
    Map<NodeId, KeyPair> pairs = KeyFiles.generate(2);
    KeyFiles.writeDirectory(pairs, dir);
    assertRefused(() -> KeyFiles.readPrivateKey(dir.resolve("node-0.pub.pem")), "not a private key");
    assertRefused(() -> KeyFiles.readPublicKey(dir.resolve("node-0.key.pem")), "not a public key");
    assertRefused(() -> KeyFiles.readPublicKey(dir.resolve("absent.pem")), "no key file");
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not pem at all\n");
    assertRefused(() -> KeyFiles.readPublicKey(garbage), "holds no PEM object");
    Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n");
    assertRefused(() -> KeyFiles.readPublicKey(broken), "broken.pem");
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    Path rsaFile = dir.resolve("rsa.pem");
    KeyFiles.writePem(rsa.generateKeyPair().getPublic(), rsaFile);
    assertRefused(() -> KeyFiles.readPublicKey(rsaFile), "RSA key, not an Ed25519 key");
    assertRefused(() -> KeyFiles.readDirectory(dir, 3), "no key file");
    Path store = dir.resolve("k.p12");
    KeyFiles.writeKeyStore(pairs, store, "right".toCharArray());
    assertRefused(() -> KeyFiles.readKeyStore(store, "wrong".toCharArray()), "wrong password");
  }

  private static void assertRefused(org.junit.jupiter.api.function.Executable e, String words) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
    assertTrue(x.getMessage().contains(words), x.getMessage());
  }

  @Test
  void privateKeysAndKeystoresAreWrittenReadableByTheirOwnerOnly(@TempDir Path dir) throws Exception {
    Map<NodeId, KeyPair> pairs = KeyFiles.generate(2);
    KeyFiles.writeDirectory(pairs, dir);
    Path store = dir.resolve("cluster.p12");
    KeyFiles.writeKeyStore(pairs, store, "secret".toCharArray());
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      var ownerOnly = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
      assertEquals(ownerOnly, Files.getPosixFilePermissions(dir.resolve("node-1.key.pem")));
      assertEquals(ownerOnly, Files.getPosixFilePermissions(store));
    }
  }

  @Test
  void aKeystoreAliasWithALeadingZeroIsRefusedRatherThanTakenForAnotherEntry(@TempDir Path dir) throws Exception {
    Map<NodeId, KeyPair> pairs = KeyFiles.generate(2);
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    Path store = dir.resolve("twice.p12");
    KeyFiles.writeKeyStore(pairs, store, "pw".toCharArray());
    try (var in = Files.newInputStream(store)) {
      ks.load(in, "pw".toCharArray());
    }
    ks.setCertificateEntry("node-01", ks.getCertificate("node-1"));
    try (var out = Files.newOutputStream(store)) {
      ks.store(out, "pw".toCharArray());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KeyFiles.readKeyStore(store, "pw".toCharArray()));
    assertTrue(e.getMessage().contains("node-01"), e.getMessage());
  }
}
