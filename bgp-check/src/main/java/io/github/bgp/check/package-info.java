/**
 * Property checks with seeded generators and integrated shrinking, on plain Java (use them
 * from JUnit 5 tests, or from a program).
 *
 * <ul>
 *   <li>{@link io.github.bgp.check.Gen}: a generator is a function of a seeded random source;
 *       generators compose with {@code map}, {@code flatMap} and {@code filter}, and so does
 *       their shrinking.
 *   <li>{@link io.github.bgp.check.Sample}: a value and the tree of smaller values it shrinks to.
 *   <li>{@link io.github.bgp.check.Property}: tries a property on many values; on failure it
 *       shrinks and reports the seed ({@code -Dbgp.seed=...} replays it).
 * </ul>
 */
package io.github.bgp.check;
