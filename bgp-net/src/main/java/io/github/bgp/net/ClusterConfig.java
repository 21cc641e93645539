package io.github.bgp.net;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.NodeId;
import io.github.bgp.spi.Rounds;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A cluster: its nodes (id, host, port, certificate), how they talk (mutual TLS, or plaintext
 * when asked for by name), the largest frame a node accepts, how much a peer may have in flight,
 * the length of a synchronous round on the wall clock and what it must cover, and how a node
 * picks a start when its application gives none. Read from a JSON file:
 *
 * <pre>{@code
 * {
 *   "cluster": "demo",
 *   "security": "tls",
 *   "roundTimeoutMillis": 500,
 *   "maxDelayMillis": 100,
 *   "maxSkewMillis": 100,
 *   "startGridMillis": 5000,
 *   "startLeadMillis": 2000,
 *   "maxFrameBytes": 16777216,
 *   "peerBufferBytes": 8388608,
 *   "nodes": [
 *     {"id": 0, "host": "10.0.0.1", "port": 7100, "certificate": "node-0.crt.pem"},
 *     ...
 *   ]
 * }
 * }</pre>
 *
 * <p>Node ids are 0 to n-1, each once (node 0 is the commander, or the coordinator). Relative
 * certificate paths are resolved against the file's directory. {@code security} is {@code tls}
 * (the default) or {@code plaintext-insecure}, which authenticates nobody and exists for
 * debugging with packet captures. {@code bgp keys} writes such a file with fresh certificates.
 *
 * <p><b>Timing (A3).</b> A synchronous round must cover the longest a frame takes between two
 * nodes ({@code maxDelayMillis}) plus the most two loyal nodes' clocks differ
 * ({@code maxSkewMillis}): a round shorter than both together is refused. Unless the file says
 * otherwise each is {@value #DEFAULT_MAX_DELAY_MILLIS} ms, or half the round if the round is
 * shorter than twice that, so every file written before these fields existed stays valid. The
 * round is at most {@link Rounds#MAX_ROUND_TIMEOUT} (a day), so no deadline overflows. A node
 * whose application gives no start picks the next multiple of {@code startGridMillis} (since
 * 1970) at least {@code startLeadMillis} ahead ({@link Schedule#gridStart}).
 *
 * <p><b>Bounds.</b> {@code peerBufferBytes} bounds, per peer, both the frames a node has received
 * from the peer and not yet handled (past it, the node stops reading from the peer until it has
 * caught up) and the frames waiting to go to the peer (past it, further frames are dropped and
 * counted: a peer that does not read, or is down, loses them, which a round deadline turns into
 * absence).
 *
 * @param name a label for the cluster, at most 255 bytes of UTF-8; nodes refuse peers from another cluster
 * @param security how nodes authenticate each other: mutual TLS 1.3, or (for debugging) nothing
 * @param roundTimeoutMillis the length of a synchronous round in milliseconds, at least
 *     {@code maxDelayMillis + maxSkewMillis} and at most {@link Rounds#MAX_ROUND_TIMEOUT}
 * @param maxFrameBytes the largest frame a node accepts, 1024 to {@link #MAX_FRAME_BYTES} bytes
 * @param members the nodes, at least 2, with ids 0 to n-1 in order
 * @param directory where relative certificate paths are resolved
 * @param maxDelayMillis the longest a frame takes between two nodes, in milliseconds (A3)
 * @param maxSkewMillis the most two loyal nodes' clocks differ, in milliseconds; also how far a
 *     start may have passed when a node is asked to keep it
 * @param startGridMillis the grid a node without a given start starts on: starts are multiples of
 *     it since 1970, 1 to {@link #MAX_START_MILLIS}
 * @param startLeadMillis how far ahead of now such a start is at least, 0 to {@link #MAX_START_MILLIS}
 * @param peerBufferBytes what a node buffers per peer each way, in bytes, {@link #MIN_PEER_BUFFER_BYTES}
 *     to {@link #MAX_PEER_BUFFER_BYTES}
 * @since 0.1.0
 */
public record ClusterConfig(String name, Security security, long roundTimeoutMillis, int maxFrameBytes,
    List<Member> members, Path directory, long maxDelayMillis, long maxSkewMillis, long startGridMillis,
    long startLeadMillis, long peerBufferBytes) {

  /** The frame size limit unless the file sets one: 16 MiB. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 16 << 20;

  /** The largest frame size limit a cluster may set: 1 GiB. */
  public static final int MAX_FRAME_BYTES = 1 << 30;

  /** The round length unless the file sets one. */
  public static final long DEFAULT_ROUND_TIMEOUT_MILLIS = 500;

  /** The longest a frame takes between two nodes, unless the file says (or the round is short). */
  public static final long DEFAULT_MAX_DELAY_MILLIS = 100;

  /** The most two nodes' clocks differ, unless the file says (or the round is short). */
  public static final long DEFAULT_MAX_SKEW_MILLIS = 100;

  /** The grid a node without a given start starts on, unless the file says: 5 s. */
  public static final long DEFAULT_START_GRID_MILLIS = 5_000;

  /** How far ahead a node without a given start starts at least, unless the file says: 2 s. */
  public static final long DEFAULT_START_LEAD_MILLIS = 2_000;

  /** What a peer may have in flight each way, unless the file says: 8 MiB. */
  public static final long DEFAULT_PEER_BUFFER_BYTES = 8L << 20;

  /** The smallest per-peer buffer a cluster may set: 4 KiB. */
  public static final long MIN_PEER_BUFFER_BYTES = 4L << 10;

  /** The largest per-peer buffer a cluster may set: 1 GiB. */
  public static final long MAX_PEER_BUFFER_BYTES = 1L << 30;

  /** The longest start grid or lead: a day. */
  public static final long MAX_START_MILLIS = 86_400_000L;

  private static final Set<String> TOP_FIELDS = Set.of("cluster", "security", "roundTimeoutMillis", "maxDelayMillis",
      "maxSkewMillis", "startGridMillis", "startLeadMillis", "maxFrameBytes", "peerBufferBytes", "nodes");
  private static final Set<String> NODE_FIELDS = Set.of("id", "host", "port", "certificate");

  /** Reads exactly one JSON value, each key once: anything after it, or a key given twice, is refused. */
  private static final ObjectMapper STRICT_JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /**
   * How nodes authenticate each other.
   *
   * @since 0.1.0
   */
  public enum Security {
    /** Mutual TLS 1.3; each peer is the node whose configured certificate it proved it holds. */
    TLS("tls"),
    /** No encryption, no authentication: a peer is whoever it says it is. Never in production. */
    PLAINTEXT_INSECURE("plaintext-insecure");

    private final String word;

    Security(String word) {
      this.word = word;
    }

    /**
     * The spelling in configuration files and on the command line.
     *
     * @return the word
     */
    public String word() {
      return word;
    }

    static Security parse(String word, String where) {
      for (Security s : values()) {
        if (s.word.equals(word)) {
          return s;
        }
      }
      throw new IllegalArgumentException(where + ": unknown security '" + word
          + "' (expected tls or plaintext-insecure)");
    }
  }

  /**
   * One node of the cluster.
   *
   * @param id the node, its index in the cluster's members
   * @param host the host it listens on (a name or an address), not blank
   * @param port the port it listens on, 0 to 65535 (0: any free one)
   * @param certificate the node's X.509 certificate (PEM); null in a plaintext cluster
   * @since 0.1.0
   */
  public record Member(NodeId id, String host, int port, Path certificate) {

    /**
     * Checks its components.
     *
     * @param id the node
     * @param host the host it listens on
     * @param port the port it listens on, 0 to 65535 (0: any free one)
     * @param certificate the node's X.509 certificate (PEM); null in a plaintext cluster
     * @throws IllegalArgumentException if the host is blank or the port is outside 0 to 65535
     */
    public Member {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException(id + " has an empty host");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(id + "'s port must be 0 to 65535, got " + port);
      }
    }
  }

  /**
   * A cluster whose timing and buffers take their defaults ({@link #defaultDelay}, {@link #defaultSkew},
   * {@link #DEFAULT_START_GRID_MILLIS}, {@link #DEFAULT_START_LEAD_MILLIS}, {@link #DEFAULT_PEER_BUFFER_BYTES}).
   *
   * @param name a label for the cluster
   * @param security TLS or plaintext
   * @param roundTimeoutMillis the length of a round
   * @param maxFrameBytes the largest frame a node accepts
   * @param members the nodes, ids 0 to n-1
   * @param directory where relative certificate paths are resolved
   */
  public ClusterConfig(String name, Security security, long roundTimeoutMillis, int maxFrameBytes,
      List<Member> members, Path directory) {
    this(name, security, roundTimeoutMillis, maxFrameBytes, members, directory, defaultDelay(roundTimeoutMillis),
        defaultSkew(roundTimeoutMillis), DEFAULT_START_GRID_MILLIS, DEFAULT_START_LEAD_MILLIS,
        DEFAULT_PEER_BUFFER_BYTES);
  }

  /**
   * The delay a round of {@code roundTimeoutMillis} is taken to cover unless a file says.
   *
   * @param roundTimeoutMillis the length of a round
   * @return the delay in milliseconds
   */
  public static long defaultDelay(long roundTimeoutMillis) {
    return Math.max(0, Math.min(DEFAULT_MAX_DELAY_MILLIS, roundTimeoutMillis / 2));
  }

  /**
   * The clock skew a round of {@code roundTimeoutMillis} is taken to cover unless a file says.
   *
   * @param roundTimeoutMillis the length of a round
   * @return the skew in milliseconds
   */
  public static long defaultSkew(long roundTimeoutMillis) {
    return Math.max(0, Math.min(DEFAULT_MAX_SKEW_MILLIS, roundTimeoutMillis / 2));
  }

  /**
   * Checks its components and copies its collections.
   *
   * @param name a label for the cluster; nodes refuse peers from another cluster
   * @param security TLS or plaintext
   * @param roundTimeoutMillis the length of a round, at least {@code maxDelayMillis + maxSkewMillis}
   * @param maxFrameBytes the largest frame a node accepts
   * @param members the nodes, ids 0 to n-1 (copied)
   * @param directory where relative certificate paths are resolved
   * @param maxDelayMillis the longest a frame takes between two nodes
   * @param maxSkewMillis the most two loyal nodes' clocks differ
   * @param startGridMillis the grid of starts a node picks when none is given
   * @param startLeadMillis how far ahead of now such a start is, at least
   * @param peerBufferBytes the bytes buffered per peer, each way
   * @throws IllegalArgumentException naming the component if one is out of its bounds (see the
   *     record's components), the round is shorter than {@code maxDelayMillis + maxSkewMillis}, the
   *     name is not Unicode text or longer than 255 bytes of UTF-8, there are fewer than 2 members,
   *     the members' ids are not 0 to n-1 in order, or a member of a TLS cluster has no certificate
   */
  public ClusterConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(directory, "directory");
    members = List.copyOf(members);
    if (roundTimeoutMillis <= 0) {
      throw new IllegalArgumentException("roundTimeoutMillis must be positive, got " + roundTimeoutMillis);
    }
    if (roundTimeoutMillis > Rounds.MAX_ROUND_TIMEOUT) {
      throw new IllegalArgumentException("roundTimeoutMillis is at most " + Rounds.MAX_ROUND_TIMEOUT
          + " (a day: a longer round's deadlines would overflow), got " + roundTimeoutMillis);
    }
    if (maxDelayMillis < 0 || maxDelayMillis > Rounds.MAX_ROUND_TIMEOUT) {
      throw new IllegalArgumentException("maxDelayMillis must be 0 to " + Rounds.MAX_ROUND_TIMEOUT + ", got "
          + maxDelayMillis);
    }
    if (maxSkewMillis < 0 || maxSkewMillis > Rounds.MAX_ROUND_TIMEOUT) {
      throw new IllegalArgumentException("maxSkewMillis must be 0 to " + Rounds.MAX_ROUND_TIMEOUT + ", got "
          + maxSkewMillis);
    }
    if (roundTimeoutMillis < maxDelayMillis + maxSkewMillis) {
      throw new IllegalArgumentException("roundTimeoutMillis " + roundTimeoutMillis + " is shorter than maxDelayMillis "
          + maxDelayMillis + " + maxSkewMillis " + maxSkewMillis + ": a round must cover the delay of a frame and the"
          + " skew of the clocks (A3)");
    }
    if (startGridMillis < 1 || startGridMillis > MAX_START_MILLIS) {
      throw new IllegalArgumentException("startGridMillis must be 1 to " + MAX_START_MILLIS + ", got "
          + startGridMillis);
    }
    if (startLeadMillis < 0 || startLeadMillis > MAX_START_MILLIS) {
      throw new IllegalArgumentException("startLeadMillis must be 0 to " + MAX_START_MILLIS + ", got "
          + startLeadMillis);
    }
    if (peerBufferBytes < MIN_PEER_BUFFER_BYTES || peerBufferBytes > MAX_PEER_BUFFER_BYTES) {
      throw new IllegalArgumentException("peerBufferBytes must be " + MIN_PEER_BUFFER_BYTES + " to "
          + MAX_PEER_BUFFER_BYTES + " (1 GiB), got " + peerBufferBytes);
    }
    if (maxFrameBytes < 1024 || maxFrameBytes > MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be 1024 to " + MAX_FRAME_BYTES + " (1 GiB), got "
          + maxFrameBytes);
    }
    if (!java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(name)) {
      // getBytes would send '?' for it in every HELLO, a name no node's configuration has
      throw new IllegalArgumentException("the cluster's name is not Unicode text: it holds an unpaired surrogate");
    }
    if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
      throw new IllegalArgumentException("the cluster's name is at most 255 bytes of UTF-8, got "
          + name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
    if (members.size() < 2) {
      throw new IllegalArgumentException("a cluster needs at least 2 nodes, got " + members.size());
    }
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).id().index() != i) {
        throw new IllegalArgumentException("node ids must be 0 to " + (members.size() - 1)
            + ", each once, in order; entry " + i + " is " + members.get(i).id());
      }
      if (security == Security.TLS && members.get(i).certificate() == null) {
        throw new IllegalArgumentException(members.get(i).id() + " has no certificate, which tls needs");
      }
    }
  }

  /**
   * The number of nodes.
   *
   * @return n
   */
  public int size() {
    return members.size();
  }

  /**
   * The member with this id.
   *
   * @param id the node
   * @return its member
   * @throws IllegalArgumentException if the cluster has no such node
   */
  public Member member(NodeId id) {
    if (id.index() >= members.size()) {
      throw new IllegalArgumentException("the cluster has nodes 0 to " + (members.size() - 1) + ", not " + id);
    }
    return members.get(id.index());
  }

  /**
   * The same cluster with this node's port changed (to bind a free port in tests).
   *
   * @param id the node
   * @param port its new port
   * @return the new configuration
   */
  public ClusterConfig withPort(NodeId id, int port) {
    List<Member> changed = new ArrayList<>(members);
    Member m = member(id);
    changed.set(id.index(), new Member(id, m.host(), port, m.certificate()));
    return new ClusterConfig(name, security, roundTimeoutMillis, maxFrameBytes, changed, directory, maxDelayMillis,
        maxSkewMillis, startGridMillis, startLeadMillis, peerBufferBytes);
  }

  /**
   * The same cluster with these frame and per-peer buffer limits.
   *
   * @param maxFrameBytes the largest frame a node accepts
   * @param peerBufferBytes the bytes buffered per peer, each way
   * @return the new configuration
   */
  public ClusterConfig withLimits(int maxFrameBytes, long peerBufferBytes) {
    return new ClusterConfig(name, security, roundTimeoutMillis, maxFrameBytes, members, directory, maxDelayMillis,
        maxSkewMillis, startGridMillis, startLeadMillis, peerBufferBytes);
  }

  /**
   * The same cluster with this timing.
   *
   * @param roundTimeoutMillis the length of a round
   * @param maxDelayMillis the longest a frame takes between two nodes
   * @param maxSkewMillis the most two loyal nodes' clocks differ
   * @param startGridMillis the grid of starts
   * @param startLeadMillis how far ahead of now a start is, at least
   * @return the new configuration
   */
  public ClusterConfig withTiming(long roundTimeoutMillis, long maxDelayMillis, long maxSkewMillis,
      long startGridMillis, long startLeadMillis) {
    return new ClusterConfig(name, security, roundTimeoutMillis, maxFrameBytes, members, directory, maxDelayMillis,
        maxSkewMillis, startGridMillis, startLeadMillis, peerBufferBytes);
  }

  /**
   * The certificate path of {@code id}, resolved against the configuration's directory.
   *
   * @param id the node
   * @return the path
   */
  public Path certificate(NodeId id) {
    Path c = member(id).certificate();
    return c == null ? null : directory.resolve(c);
  }

  /**
   * Reads a configuration file.
   *
   * @param file the configuration file
   * @return the configuration
   * @throws IllegalArgumentException if the file is missing, is not one JSON object in UTF-8 (a
   *     key given twice, or anything after the object, included), or says something wrong; the
   *     message names the file and the field
   */
  public static ClusterConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("cluster configuration " + file + " does not exist");
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("cluster configuration " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read cluster configuration " + file + ": " + e.getMessage());
    }
    Path dir = file.toAbsolutePath().getParent();
    try {
      return parse(text, dir);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a configuration's JSON text, resolving certificates against {@code directory}.
   *
   * @param json the configuration's text
   * @param directory where relative certificate paths are resolved
   * @return the configuration
   * @throws IllegalArgumentException if the text is not one JSON object (a key given twice, or
   *     anything after the object, included), has a field it should not or lacks one it needs, or
   *     says something wrong; the message names the field
   */
  public static ClusterConfig parse(String json, Path directory) {
    JsonNode root;
    try {
      root = STRICT_JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("expected a JSON object with \"cluster\" and \"nodes\"");
    }
    unknownFields(root, TOP_FIELDS, "the top level");
    String name = text(root, "cluster", "the top level");
    Security security = root.has("security")
        ? Security.parse(text(root, "security", "the top level"), "security") : Security.TLS;
    long round = root.has("roundTimeoutMillis")
        ? number(root, "roundTimeoutMillis", "the top level") : DEFAULT_ROUND_TIMEOUT_MILLIS;
    long delay = root.has("maxDelayMillis") ? number(root, "maxDelayMillis", "the top level") : defaultDelay(round);
    long skew = root.has("maxSkewMillis") ? number(root, "maxSkewMillis", "the top level") : defaultSkew(round);
    long grid = root.has("startGridMillis")
        ? number(root, "startGridMillis", "the top level") : DEFAULT_START_GRID_MILLIS;
    long lead = root.has("startLeadMillis")
        ? number(root, "startLeadMillis", "the top level") : DEFAULT_START_LEAD_MILLIS;
    long frame = root.has("maxFrameBytes") ? number(root, "maxFrameBytes", "the top level") : DEFAULT_MAX_FRAME_BYTES;
    if (frame < 1024 || frame > MAX_FRAME_BYTES) { // here, before a cast to int could wrap it into the range
      throw new IllegalArgumentException("maxFrameBytes must be 1024 to " + MAX_FRAME_BYTES + " (1 GiB), got " + frame);
    }
    long buffer = root.has("peerBufferBytes")
        ? number(root, "peerBufferBytes", "the top level") : DEFAULT_PEER_BUFFER_BYTES;
    JsonNode nodes = root.get("nodes");
    if (nodes == null || !nodes.isArray()) {
      throw new IllegalArgumentException("\"nodes\" must be an array of {id, host, port, certificate}");
    }
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode n = nodes.get(i);
      String where = "nodes[" + i + "]";
      if (!n.isObject()) {
        throw new IllegalArgumentException(where + " must be an object with id, host, port and certificate");
      }
      unknownFields(n, NODE_FIELDS, where);
      long id = number(n, "id", where);
      long port = number(n, "port", where);
      if (id < 0 || id > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(where + ".id must be a node number, got " + id);
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(where + ".port must be 0 to 65535, got " + port);
      }
      Path certificate = n.has("certificate") ? Path.of(text(n, "certificate", where)) : null;
      members.add(new Member(NodeId.of((int) id), text(n, "host", where), (int) port, certificate));
    }
    return new ClusterConfig(name, security, round, (int) frame, members, directory, delay, skew, grid, lead, buffer);
  }

  /**
   * This configuration as the JSON {@link #load} reads (certificate paths as given).
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("cluster", name);
    root.put("security", security.word());
    root.put("roundTimeoutMillis", roundTimeoutMillis);
    root.put("maxDelayMillis", maxDelayMillis);
    root.put("maxSkewMillis", maxSkewMillis);
    root.put("startGridMillis", startGridMillis);
    root.put("startLeadMillis", startLeadMillis);
    root.put("maxFrameBytes", maxFrameBytes);
    root.put("peerBufferBytes", peerBufferBytes);
    ArrayNode nodes = root.putArray("nodes");
    for (Member m : members) {
      ObjectNode n = nodes.addObject();
      n.put("id", m.id().index());
      n.put("host", m.host());
      n.put("port", m.port());
      if (m.certificate() != null) {
        n.put("certificate", m.certificate().toString().replace('\\', '/'));
      }
    }
    try {
      return json.writeValueAsString(root) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes {@link #toJson()} to {@code file}.
   *
   * @param file the file to write
   * @throws IOException if it cannot be written
   */
  public void write(Path file) throws IOException {
    Files.writeString(file, toJson());
  }

  private static void unknownFields(JsonNode object, Set<String> known, String where) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new IllegalArgumentException("unknown field \"" + f + "\" in " + where + " (known: "
            + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }

  private static String text(JsonNode object, String field, String where) {
    JsonNode v = object.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(where + " needs \"" + field + "\" as a string"
          + (v == null ? "" : ", got " + v.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + v));
    }
    return v.asText();
  }

  private static long number(JsonNode object, String field, String where) {
    JsonNode v = object.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new IllegalArgumentException(where + " needs \"" + field + "\" as a whole number"
          + (v == null ? "" : ", got " + v));
    }
    return v.asLong();
  }
}
