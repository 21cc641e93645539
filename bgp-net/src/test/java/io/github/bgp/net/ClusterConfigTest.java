package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.NodeId;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster's configuration file and keys: what is refused, and how it says so. */
class ClusterConfigTest {

  @TempDir Path dir;

  private static String config(String top) {
    return "{\"cluster\":\"c\"" + top + ",\"nodes\":[{\"id\":0,\"host\":\"h\",\"port\":7100,\"certificate\":\"a.pem\"},"
        + "{\"id\":1,\"host\":\"h\",\"port\":7101,\"certificate\":\"b.pem\"}]}";
  }

  @Test
  void aFrameLimitOutsideOneKibToOneGibIsRefusedByName() {
    for (String limit : new String[] {"100", "2147483647", "99999999999"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ClusterConfig.parse(config(",\"maxFrameBytes\":" + limit), dir), limit);
      assertTrue(e.getMessage().contains("maxFrameBytes"), e.getMessage());
    }
    assertEquals(ClusterConfig.MAX_FRAME_BYTES,
        ClusterConfig.parse(config(",\"maxFrameBytes\":" + ClusterConfig.MAX_FRAME_BYTES), dir).maxFrameBytes());
  }

  @Test
  void aClusterNameLongerThanAHelloCarriesIsRefused() {
    String name = "x".repeat(256);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClusterConfig.parse(config("").replace("\"c\"", "\"" + name + "\""), dir));
    assertTrue(e.getMessage().contains("name is at most 255 bytes"), e.getMessage());
  }

  @Test
  void aScheduleFrameMustNameATimeAfter1970AndSayNoMore() {
    for (long start : new long[] {0, -5}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Wire.readSchedule(Unpooled.buffer(16).writeLong(start).writeLong(7)));
      assertTrue(e.getMessage().contains("start " + start), e.getMessage());
    }
    IllegalArgumentException stray = assertThrows(IllegalArgumentException.class,
        () -> Wire.readSchedule(Unpooled.buffer(17).writeLong(1234).writeLong(7).writeByte(0)));
    assertTrue(stray.getMessage().contains("17 bytes, not 16"), stray.getMessage());
    assertEquals(new Announcement(1234, 7), Wire.readSchedule(Unpooled.buffer(16).writeLong(1234).writeLong(7)));
  }

  @Test
  void aFileWithoutTimingTakesDefaultsThatKeepItValid() {
    ClusterConfig plain = ClusterConfig.parse(config(""), dir);
    assertEquals(ClusterConfig.DEFAULT_MAX_DELAY_MILLIS, plain.maxDelayMillis());
    assertEquals(ClusterConfig.DEFAULT_MAX_SKEW_MILLIS, plain.maxSkewMillis());
    assertEquals(ClusterConfig.DEFAULT_START_GRID_MILLIS, plain.startGridMillis());
    assertEquals(ClusterConfig.DEFAULT_START_LEAD_MILLIS, plain.startLeadMillis());
    assertEquals(ClusterConfig.DEFAULT_PEER_BUFFER_BYTES, plain.peerBufferBytes());
    for (long round : new long[] {1, 7, 150, 199}) { // files written before the fields existed, short rounds
      ClusterConfig short_ = ClusterConfig.parse(config(",\"roundTimeoutMillis\":" + round), dir);
      assertTrue(short_.maxDelayMillis() + short_.maxSkewMillis() <= round, short_.toString());
    }
    ClusterConfig back = ClusterConfig.parse(plain.withTiming(900, 300, 200, 1000, 500).toJson(), dir);
    assertEquals(List.of(900L, 300L, 200L, 1000L, 500L), List.of(back.roundTimeoutMillis(), back.maxDelayMillis(),
        back.maxSkewMillis(), back.startGridMillis(), back.startLeadMillis()), "what toJson writes, load reads");
  }

  @Test
  void aRoundThatDoesNotCoverDelayAndSkewOrWouldOverflowIsAConfigError() {
    IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> ClusterConfig.parse(
        config(",\"roundTimeoutMillis\":250,\"maxDelayMillis\":200,\"maxSkewMillis\":100"), dir));
    assertEquals("roundTimeoutMillis 250 is shorter than maxDelayMillis 200 + maxSkewMillis 100: a round must cover"
        + " the delay of a frame and the skew of the clocks (A3)", tooShort.getMessage());
    IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class, () -> ClusterConfig.parse(
        config(",\"roundTimeoutMillis\":" + Long.MAX_VALUE), dir));
    assertTrue(overflow.getMessage().startsWith("roundTimeoutMillis is at most 86400000 (a day"),
        overflow.getMessage());
    for (String bad : List.of("\"maxSkewMillis\":-1", "\"startGridMillis\":0", "\"peerBufferBytes\":10",
        "\"maxFrameBytes\":-99999999999")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ClusterConfig.parse(config("," + bad), dir), bad);
      String field = bad.substring(1, bad.indexOf('"', 1));
      assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }
  }

  @Test
  void privateKeysAreReadableByTheirOwnerOnlyAndPortsMustFit() throws Exception {
    Certificates.makeCluster(dir, "c", 2, "127.0.0.1", 7100, 500);
    Path key = dir.resolve(Certificates.keyFile(NodeId.of(1)));
    if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
      assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
          Files.getPosixFilePermissions(key));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Certificates.makeCluster(dir.resolve("big"), "c", Integer.MAX_VALUE - 10, "h", 7100, 500));
    assertTrue(e.getMessage().contains("are not all valid"), e.getMessage());
  }

  // Found by fuzzing (ClusterConfigFuzzTest): each has its input in ClusterConfigFuzzTestInputs/load.

  @Test
  void aFileIsOneJsonObjectWithEachKeyOnce() {
    IllegalArgumentException trailing = assertThrows(IllegalArgumentException.class,
        () -> ClusterConfig.parse(config("") + " {\"cluster\":\"other\"}", dir));
    assertTrue(trailing.getMessage().contains("Trailing token"), trailing.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> ClusterConfig.parse(config(",\"cluster\":\"other\""), dir));
    assertTrue(twice.getMessage().contains("Duplicate field 'cluster'"), twice.getMessage());
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedSayingSo() throws Exception {
    Path file = dir.resolve("cluster.json");
    Files.write(file, new byte[] {'{', '"', (byte) 0xC3, '"', '}'});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterConfig.load(file));
    assertEquals("cluster configuration " + file + " is not UTF-8 text", e.getMessage());
  }

  @Test
  void aClusterNameThatNoHelloCanCarryIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClusterConfig.parse(config("").replace("\"c\"", "\"a\\ud800\""), dir));
    assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
    assertEquals("a\ud83d\ude00", ClusterConfig.parse(config("").replace("\"c\"", "\"a\\ud83d\\ude00\""), dir).name(),
        "a surrogate pair is a character like any other");
  }

  @Test
  void aFrameLimitBelowTheIntRangeDoesNotWrapIntoIt() {
    // -4294966272 is 1024 - 2^32: cast to an int it was 1024, and loaded as a 1 KiB limit
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClusterConfig.parse(config(",\"maxFrameBytes\":-4294966272"), dir));
    assertEquals("maxFrameBytes must be 1024 to 1073741824 (1 GiB), got -4294966272", e.getMessage());
  }
}
