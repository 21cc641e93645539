package io.github.bgp.twophase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * What every commit protocol's log records must do, checked the same way for each: a record reads
 * back to the same bytes, its bytes are the documented ones, and a record cut short or followed by
 * anything is refused with a message naming the protocol.
 */
public final class RecordLayout {

  private RecordLayout() {}

  /**
   * Checks {@code records} (each given as its encoding) against the codec.
   *
   * @param protocol the name the messages give, {@code "a " + protocol + " log record"}
   * @param decodeThenEncode reads a record and writes it again
   * @param records every kind of record the protocol logs, encoded
   */
  public static void check(String protocol, Function<byte[], byte[]> decodeThenEncode, List<byte[]> records) {
    for (byte[] record : records) {
      String hex = HexFormat.of().formatHex(record);
      assertArrayEquals(record, decodeThenEncode.apply(record), "read and written again: " + hex);
      for (int length = 0; length < record.length; length++) {
        byte[] cut = Arrays.copyOf(record, length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decodeThenEncode.apply(cut),
            "cut to " + length + " bytes: " + hex);
        assertTrue(e.getMessage().startsWith("a " + protocol + " log record "), e.getMessage());
      }
      byte[] longer = Arrays.copyOf(record, record.length + 1);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decodeThenEncode.apply(longer),
          "a byte after " + hex);
      assertTrue(e.getMessage().startsWith("a " + protocol + " log record "), e.getMessage());
    }
  }

  /**
   * The bytes of {@code hex}, spaces allowed between fields.
   *
   * @param hex the record as the layout documents it
   * @return its bytes
   */
  public static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }
}
