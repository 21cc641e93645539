package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bgp.api.NodeId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A cluster configuration file, as anyone who can write one may: any bytes either load or are
 * refused with an {@link IllegalArgumentException} naming the file and the problem (nothing else
 * escapes). What loads is what the file says, field by field, read by a strict JSON reader of
 * this test's own (a file that is not exactly one JSON object, or names a key twice, is
 * refused), it writes back ({@link ClusterConfig#toJson}) to JSON that loads as the same
 * configuration, and its name reaches the other nodes intact in a HELLO.
 *
 * <p>In {@code mvn verify} this runs over the committed inputs in
 * {@code src/test/resources/io/github/bgp/net/ClusterConfigFuzzTestInputs/load}; {@code scripts/fuzz
 * cluster-config.load SECONDS} fuzzes it.
 */
class ClusterConfigFuzzTest {

  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);

  private static Path dir;

  @BeforeAll
  static void directory() throws IOException {
    dir = Files.createTempDirectory("bgp-fuzz-cluster");
  }

  @AfterAll
  static void removeDirectory() throws IOException {
    Files.deleteIfExists(dir.resolve("cluster.json"));
    Files.deleteIfExists(dir);
  }

  @FuzzTest
  @DictionaryEntries({"\"cluster\"", "\"security\"", "\"tls\"", "\"plaintext-insecure\"", "\"roundTimeoutMillis\"",
      "\"maxFrameBytes\"", "\"nodes\"", "\"id\"", "\"host\"", "\"port\"", "\"certificate\"", "4294967296",
      "9223372036854775807", "-1", "1e3", "\\u0000", "\\ud800"})
  void load(byte[] bytes) throws IOException {
    Path file = dir.resolve("cluster.json");
    Files.write(file, bytes);
    ClusterConfig config;
    try {
      config = ClusterConfig.load(file);
    } catch (IllegalArgumentException refused) {
      assertTrue(refused.getMessage() != null && refused.getMessage().contains(file.toString()),
          "a refusal that does not name the file: " + refused.getMessage());
      return;
    }
    JsonNode root = strictJson(bytes);
    assertTrue(root != null && root.isObject(), "a configuration loaded from a file that is not one JSON object");
    assertEquals(root.get("cluster").textValue(), config.name(), "cluster");
    assertEquals(root.has("security") ? root.get("security").textValue() : "tls", config.security().word(), "security");
    assertEquals(root.has("roundTimeoutMillis") ? root.get("roundTimeoutMillis").longValue()
        : ClusterConfig.DEFAULT_ROUND_TIMEOUT_MILLIS, config.roundTimeoutMillis(), "roundTimeoutMillis");
    assertEquals(root.has("maxFrameBytes") ? root.get("maxFrameBytes").longValue()
        : ClusterConfig.DEFAULT_MAX_FRAME_BYTES, (long) config.maxFrameBytes(), "maxFrameBytes");
    JsonNode nodes = root.get("nodes");
    assertEquals(nodes.size(), config.size(), "the number of nodes");
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode n = nodes.get(i);
      ClusterConfig.Member m = config.members().get(i);
      assertEquals(n.get("id").longValue(), (long) m.id().index(), "nodes[" + i + "].id");
      assertEquals(n.get("host").textValue(), m.host(), "nodes[" + i + "].host");
      assertEquals(n.get("port").longValue(), (long) m.port(), "nodes[" + i + "].port");
      assertEquals(n.has("certificate") ? Path.of(n.get("certificate").textValue()) : null, m.certificate(),
          "nodes[" + i + "].certificate");
    }
    assertEquals(config, ClusterConfig.parse(config.toJson(), config.directory()), "the configuration written back");
    ByteBuf hello = Wire.hello(ALLOC, NodeId.of(1), config.name());
    try {
      assertEquals(config.name(), Wire.readHello(hello.skipBytes(Wire.LENGTH + 1)).cluster(),
          "the cluster's name as a HELLO carries it to the other nodes");
    } finally {
      hello.release();
    }
  }

  /** The bytes as JSON, read strictly; null if they are not exactly one JSON value in UTF-8. */
  private static JsonNode strictJson(byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      return STRICT.readTree(text);
    } catch (CharacterCodingException e) {
      return null;
    } catch (IOException notJson) {
      return null;
    }
  }
}
