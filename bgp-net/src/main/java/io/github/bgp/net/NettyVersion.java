package io.github.bgp.net;

import io.netty.util.Version;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Netty found at run time, checked before bgp-net starts anything on it. bgp-net is built
 * on Netty 4.2 (its {@code MultiThreadIoEventLoopGroup} and {@code IoHandler}s); an application
 * whose build manages Netty 4.1, as Spring Boot 3's does, still compiles against bgp-net, and
 * without this check would fail only when a transport starts, with a
 * {@code NoClassDefFoundError: io/netty/channel/MultiThreadIoEventLoopGroup}. This names the
 * versions found and the one needed instead.
 *
 * <p>The versions come from {@link Version#identify()} (each Netty jar's
 * {@code META-INF/io.netty.versions.properties}); only the Netty artifacts bgp-net uses count.
 */
final class NettyVersion {

  /** The oldest Netty line bgp-net runs on. */
  static final String REQUIRED = "4.2";
  /** A class Netty has from 4.2 on, which bgp-net uses. */
  static final String CLASS_SINCE_4_2 = "io.netty.channel.MultiThreadIoEventLoopGroup";
  /** The Netty artifacts whose classes bgp-net uses (netty-codec is 4.1's name for netty-codec-base). */
  static final Set<String> USED = Set.of("netty-common", "netty-buffer", "netty-resolver", "netty-transport",
      "netty-handler", "netty-codec", "netty-codec-base", "netty-codec-http");

  private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)\\b.*");
  private static volatile boolean checked;

  private NettyVersion() {}

  /**
   * Checks the Netty on the class path, once.
   *
   * @throws IllegalStateException if it is older than 4.2, naming the versions found and the one needed
   */
  static void require() {
    if (checked) {
      return;
    }
    Optional<String> problem = problem(found(), present(CLASS_SINCE_4_2), builtWith());
    if (problem.isPresent()) {
      throw new IllegalStateException(problem.get());
    }
    checked = true;
  }

  /**
   * What is wrong with the Netty found, if anything.
   *
   * @param found the version of each Netty artifact on the class path, by artifact id
   * @param has42Classes whether the class path has {@link #CLASS_SINCE_4_2}
   * @param builtWith the Netty version bgp-net was built with, for the message
   */
  static Optional<String> problem(Map<String, String> found, boolean has42Classes, String builtWith) {
    Map<String, String> used = new TreeMap<>(found);
    used.keySet().retainAll(USED);
    List<String> older = used.entrySet().stream().filter(e -> olderThan42(e.getValue()))
        .map(e -> e.getKey() + " " + e.getValue()).toList();
    if (has42Classes && older.isEmpty()) {
      return Optional.empty();
    }
    String what;
    if (!older.isEmpty()) {
      what = "the class path has " + String.join(", ", older);
    } else if (used.isEmpty()) {
      what = "the class path has a Netty without " + CLASS_SINCE_4_2 + " and without version information";
    } else {
      what = "the class path lacks " + CLASS_SINCE_4_2 + " (found " + String.join(", ",
          used.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()) + ")";
    }
    return Optional.of("bgp-net needs Netty " + REQUIRED + " or newer (it is built with " + builtWith + "), but "
        + what + ". A build that manages Netty 4.1 (Spring Boot 3 does) must manage Netty " + REQUIRED
        + " for bgp-net: import io.netty:netty-bom:" + builtWith + " or set the netty.version property.");
  }

  /** Whether {@code version} (4.1.118.Final, 4.2.20.Final, ...) is of a line before 4.2; an unreadable one is not. */
  static boolean olderThan42(String version) {
    Matcher m = MAJOR_MINOR.matcher(version);
    if (!m.matches()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return major < 4 || major == 4 && minor < 2;
  }

  /** The Netty artifacts on the class path and their versions; empty if netty-common itself is missing. */
  static Map<String, String> found() {
    Map<String, String> found = new TreeMap<>();
    try {
      Version.identify(NettyVersion.class.getClassLoader()).forEach((id, v) -> found.put(id, v.artifactVersion()));
    } catch (LinkageError noNettyCommon) {
      // no io.netty.util.Version: nothing to read versions from; the class check tells the rest
    }
    return found;
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, NettyVersion.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The Netty version bgp-net was built with ({@code netty.properties}, filtered by the build). */
  static String builtWith() {
    Properties p = new Properties();
    try (InputStream in = NettyVersion.class.getResourceAsStream("netty.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // unreadable: the message says 4.2.x instead of the exact version
    }
    return p.getProperty("built", REQUIRED + ".x");
  }
}
