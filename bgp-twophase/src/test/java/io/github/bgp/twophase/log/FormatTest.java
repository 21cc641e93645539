package io.github.bgp.twophase.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.api.NodeId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes on disk are exactly the format FileLog's Javadoc documents. */
class FormatTest {

  @TempDir
  Path dir;

  private static final HexFormat HEX = HexFormat.of();

  private static int crc(byte[]... parts) {
    CRC32C crc = new CRC32C();
    for (byte[] p : parts) {
      crc.update(p);
    }
    return (int) crc.getValue();
  }

  @Test
  void theDocumentedBytes() throws IOException {
    Path file = dir.resolve("format.log");
    LogOwner owner = new LogOwner("a", NodeId.of(1), LogOwner.Role.PARTICIPANT, "2pc");
    try (FileLog log = FileLog.open(file, owner)) {
      log.append(new byte[] {0x2A});
      log.force();
      log.append(new byte[0]);
      log.force();
    }
    byte[] bytes = Files.readAllBytes(file);

    // version 2, an owner of 11 bytes: participant (02), node 1, cluster "a", protocol "2pc"
    byte[] owned = HEX.parseHex("0002" + "000b" + "02" + "00000001" + "01" + "61" + "03" + "327063");
    byte[] header = ByteBuffer.allocate(25).put(HEX.parseHex("4247504c4f47")).put(owned).putInt(crc(owned)).array();
    byte[] one = ByteBuffer.allocate(13).put(HEX.parseHex("feb64c52")).putInt(1)
        .putInt(crc(new byte[] {0, 0, 0, 1, 0x2A})).put((byte) 0x2A).array();
    byte[] firstCommit = commit(25, crc(one));
    byte[] empty = ByteBuffer.allocate(12).put(HEX.parseHex("feb64c52")).putInt(0).putInt(crc(new byte[4])).array();
    byte[] secondCommit = commit(25 + 13 + 20, crc(empty));
    byte[] expected = ByteBuffer.allocate(25 + 13 + 20 + 12 + 20).put(header).put(one).put(firstCommit).put(empty)
        .put(secondCommit).array();
    assertArrayEquals(expected, bytes, () -> HexFormat.ofDelimiter(" ").formatHex(bytes));
    assertEquals("4247504c4f470002000b", HEX.formatHex(Arrays.copyOf(bytes, 10)), "magic, version 2, owner length");
  }

  /** {@code FE B6 43 4D}, the batch's start, the batch's CRC32C, and the CRC32C of those 12 bytes. */
  private static byte[] commit(long start, int batchCrc) {
    byte[] fields = ByteBuffer.allocate(12).putLong(start).putInt(batchCrc).array();
    return ByteBuffer.allocate(20).put(HEX.parseHex("feb6434d")).put(fields).putInt(crc(fields)).array();
  }

  @Test
  void aCoordinatorsHeaderSaysSoAndAnEmptyClusterNameIsAZeroLength() {
    byte[] header = LogFormat.header(new LogOwner("", NodeId.of(0), LogOwner.Role.COORDINATOR, "2pc"));
    assertEquals("4247504c4f47" + "0002" + "000a" + "01" + "00000000" + "00" + "03327063",
        HEX.formatHex(header, 0, header.length - 4));
    assertEquals(LogFormat.owner(header, 10, 10),
        new LogOwner("", NodeId.of(0), LogOwner.Role.COORDINATOR, "2pc"), "it reads back");
  }
}
