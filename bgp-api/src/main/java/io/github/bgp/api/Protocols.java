package io.github.bgp.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds protocols by name among those on the class path (or module path), through
 * {@link ServiceLoader}. Asking for a name nobody provides is an error that lists the names
 * that are available.
 *
 * @since 0.1.0
 */
public final class Protocols {

  private Protocols() {}

  /**
   * Every available protocol. The path is searched again on every call (through the thread's
   * context class loader), so a protocol added to it later is found.
   *
   * @return the protocols, in alphabetical order of their names
   * @throws IllegalStateException if two different classes are called by the same name
   */
  public static List<Protocol> all() {
    return List.copyOf(load().values());
  }

  /**
   * The names of every available protocol.
   *
   * @return the names, in alphabetical order
   * @throws IllegalStateException if two different classes are called by the same name
   */
  public static List<String> names() {
    return List.copyOf(load().keySet());
  }

  /**
   * The protocol called {@code name}.
   *
   * @param name the protocol's {@link Protocol#name()}, exactly
   * @return the protocol
   * @throws IllegalArgumentException if none is, listing the available names
   */
  public static Protocol byName(String name) {
    Map<String, Protocol> all = load();
    Protocol p = name == null ? null : all.get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown protocol '" + name + "'; available: " + (all.isEmpty() ? "none (no protocol module is on the class path)" : String.join(", ", all.keySet())));
    }
    return p;
  }

  /**
   * The protocol called {@code name}, which must be of the given family.
   *
   * @param <P> the family's interface
   * @param name the protocol's {@link Protocol#name()}, exactly
   * @param family {@code AgreementProtocol.class} or {@code CommitProtocol.class}
   * @return the protocol, as its family's type
   * @throws IllegalArgumentException if there is none, or it is of another family
   */
  public static <P extends Protocol> P byName(String name, Class<P> family) {
    Protocol p = byName(name);
    if (!family.isInstance(p)) {
      List<String> fitting = new ArrayList<>();
      for (Protocol q : all()) {
        if (family.isInstance(q)) {
          fitting.add(q.name());
        }
      }
      throw new IllegalArgumentException(
          "protocol '" + name + "' is " + article(p.family()) + " protocol, not " + article(familyOf(family))
              + " one; available: " + (fitting.isEmpty() ? "none" : String.join(", ", fitting)));
    }
    return family.cast(p);
  }

  /**
   * The Byzantine agreement protocol called {@code name} ({@code om}, {@code sm}).
   *
   * @param name the protocol's name
   * @return the protocol
   * @throws IllegalArgumentException if there is none, or it is not an agreement protocol
   */
  public static AgreementProtocol agreement(String name) {
    return byName(name, AgreementProtocol.class);
  }

  /**
   * The atomic commit protocol called {@code name} ({@code 2pc}).
   *
   * @param name the protocol's name
   * @return the protocol
   * @throws IllegalArgumentException if there is none, or it is not a commit protocol
   */
  public static CommitProtocol commit(String name) {
    return byName(name, CommitProtocol.class);
  }

  /**
   * Every available protocol of {@code family}.
   *
   * @param family the family
   * @return its protocols, in alphabetical order of their names; empty if none is on the path
   */
  public static List<Protocol> of(Protocol.Family family) {
    List<Protocol> fitting = new ArrayList<>();
    for (Protocol p : all()) {
      if (p.family() == family) {
        fitting.add(p);
      }
    }
    return List.copyOf(fitting);
  }

  private static String article(Protocol.Family f) {
    return (f == Protocol.Family.AGREEMENT ? "an " : "a ") + f.word();
  }

  private static Protocol.Family familyOf(Class<?> type) {
    return AgreementProtocol.class.isAssignableFrom(type) ? Protocol.Family.AGREEMENT : Protocol.Family.COMMIT;
  }

  private static Map<String, Protocol> load() {
    Map<String, Protocol> byName = new TreeMap<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Protocols.class.getClassLoader();
    }
    for (Protocol p : ServiceLoader.load(Protocol.class, loader)) {
      Protocol previous = byName.put(p.name(), p);
      if (previous != null && !previous.getClass().equals(p.getClass())) {
        throw new IllegalStateException("two protocols are called '" + p.name() + "': "
            + previous.getClass().getName() + " and " + p.getClass().getName());
      }
    }
    return byName;
  }
}
