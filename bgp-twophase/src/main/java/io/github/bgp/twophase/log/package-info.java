/**
 * A durable log in a file, for runtimes to give protocols that persist (two-phase commit's
 * decisions): {@link io.github.bgp.twophase.log.FileLog} implements
 * {@link io.github.bgp.runtime.DurableLog} with group commit, checksummed records, a commit
 * marker after every forced batch and crash recovery; its header names its
 * {@link io.github.bgp.twophase.log.LogOwner}, and a log of another owner is refused
 * ({@link io.github.bgp.twophase.log.ForeignLogException}).
 * {@link io.github.bgp.twophase.log.FileLog#inspect} reads a log without opening it, reporting
 * its owner and its {@link io.github.bgp.twophase.log.Damage} as an
 * {@link io.github.bgp.twophase.log.Inspection}. {@link io.github.bgp.twophase.log.WatchedLog}
 * wraps any durable log for the process that runs a node: it knows the records forced, counts the
 * forces and wakes whoever waits for the next one.
 */
package io.github.bgp.twophase.log;
