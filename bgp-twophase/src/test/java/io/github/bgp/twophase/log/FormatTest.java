package io.github.bgp.twophase.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes on disk are exactly the format FileLog's Javadoc documents. */
class FormatTest {

  @TempDir
  Path dir;

  @Test
  void theDocumentedBytes() throws IOException {
    Path file = dir.resolve("format.log");
    LogFiles.write(file, List.of(new byte[] {0x2A}, new byte[0]));
    byte[] bytes = Files.readAllBytes(file);

    CRC32C one = new CRC32C();
    one.update(new byte[] {0, 0, 0, 1, 0x2A}); // the length bytes, then the payload
    CRC32C empty = new CRC32C();
    empty.update(new byte[] {0, 0, 0, 0});
    byte[] expected = ByteBuffer.allocate(8 + 13 + 12)
        .put(HexFormat.of().parseHex("4247504c4f470001")) // "BGPLOG", version 1
        .put(HexFormat.of().parseHex("feb64c52")).putInt(1).putInt((int) one.getValue()).put((byte) 0x2A)
        .put(HexFormat.of().parseHex("feb64c52")).putInt(0).putInt((int) empty.getValue())
        .array();
    assertArrayEquals(expected, bytes, () -> HexFormat.ofDelimiter(" ").formatHex(bytes));
    assertEquals("4247504c4f470001", HexFormat.of().formatHex(Arrays.copyOf(bytes, 8)));
  }
}
