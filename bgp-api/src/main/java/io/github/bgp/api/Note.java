package io.github.bgp.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A fact a node added to a traced run, beyond its messages: a lie it told (with the honest value
 * beside the one it sent), a default it used for a missing message, a tie, a state transition
 * ({@code INIT -> READY}), a timer that fired. The teaching trace and the view draw them.
 *
 * @param node the node the fact is about
 * @param time the node's clock when it happened
 * @param lamport the node's Lamport clock when it happened
 * @param kind a lower case word: {@code lie}, {@code default}, {@code tie}, {@code state}, {@code timer}, ...
 * @param fields the fact's parts, by name (sorted, so traces are deterministic)
 * @since 0.1.0
 */
public record Note(NodeId node, long time, long lamport, String kind, SortedMap<String, String> fields) {

  /**
   * Checks the parts and keeps an immutable, sorted copy of the fields.
   *
   * @param node the node the fact is about
   * @param time the node's clock when it happened
   * @param lamport the node's Lamport clock when it happened
   * @param kind a lower case word: {@code lie}, {@code default}, {@code tie}, {@code state}, {@code timer}, ...
   * @param fields the fact's parts, by name (sorted, so traces are deterministic)
   * @throws NullPointerException if {@code node}, {@code kind} or {@code fields} is null
   */
  public Note {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(kind, "kind");
    fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
  }

  /**
   * A note with these fields, from any map (they are copied and sorted by name).
   *
   * @param node the node the fact is about
   * @param time the node's clock when it happened
   * @param lamport the node's Lamport clock when it happened
   * @param kind a lower case word: {@code lie}, {@code default}, {@code tie}, {@code state}, {@code timer}, ...
   * @param fields the fact's parts, by name
   * @return the note
   */
  public static Note of(NodeId node, long time, long lamport, String kind, Map<String, String> fields) {
    return new Note(node, time, lamport, kind, new TreeMap<>(fields));
  }

  /**
   * The field called {@code name}.
   *
   * @param name the field's name
   * @return its value, or "" if the note has no such field
   */
  public String field(String name) {
    return fields.getOrDefault(name, "");
  }

  @Override
  public String toString() {
    return "t=" + time + " node " + node + " " + kind + " " + fields;
  }
}
