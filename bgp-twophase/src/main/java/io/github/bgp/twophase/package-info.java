/**
 * Two-phase commit ({@link io.github.bgp.twophase.TwoPhaseCommit}, registered as {@code 2pc}):
 * coordinator and participant state machines with durable logs, timeouts, recovery and
 * cooperative termination; {@code log} holds the file-backed durable log.
 */
package io.github.bgp.twophase;
