package io.github.bgp.xa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a transfer's payload reads; the SQL runs in {@link XaResourcePostgresTest}. */
class BankAccountsTest {

  private static Map<String, Long> read(String text) {
    return BankAccounts.entries(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aTransferReadsAsSignedAmountsByAccount() {
    assertEquals(Map.of("alice", -30L, "bob", 30L), read("alice:-30,bob:+30"));
    assertEquals(Map.of("alice", -40L), read(" alice : -30 , alice:-10"), "entries for one account add up");
    assertEquals(Map.of(), read(""));
    assertEquals("alice:-30,bob:+30", new String(BankAccounts.payload(Map.of("bob", 30L, "alice", -30L)),
        StandardCharsets.UTF_8));
  }

  @Test
  void aPayloadThatIsNotATransferIsRefusedSayingWhy() {
    assertEquals("not a transfer entry (account:amount): 'bob' in 'alice:-30,bob'",
        assertThrows(IllegalArgumentException.class, () -> read("alice:-30,bob")).getMessage());
    assertEquals("not an amount: 'lots' in 'alice:lots'",
        assertThrows(IllegalArgumentException.class, () -> read("alice:lots")).getMessage());
    assertEquals("not an account name: '' (non-empty, without ':' or ',')",
        assertThrows(IllegalArgumentException.class, () -> read(":5")).getMessage());
    assertEquals("the amounts for 'alice' add up past a bigint in 'alice:9223372036854775807,alice:1'",
        assertThrows(IllegalArgumentException.class, () -> read("alice:9223372036854775807,alice:1")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> read("alice:-30,"), "an empty entry");
  }
}
