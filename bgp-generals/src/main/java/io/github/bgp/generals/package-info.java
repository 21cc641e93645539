/**
 * The two generals problem made concrete: two loyal generals on either side of a valley agree
 * on an attack by sending messengers across it, and any messenger may be captured.
 *
 * <p>The model. A {@link MessengerProtocol} is deterministic: in each round, what a general
 * sends and, after the last round, whether it attacks depend only on what it has received so far
 * (its {@link View}) and on the round number. Messengers are numbered in the order they set out
 * (in a round, A's before B's), and a run is determined by its {@link LossPattern}: which
 * messengers, in that order, are captured. {@link Valley} plays one run; {@link Search} plays
 * every loss pattern of a protocol and finds those under which exactly one general attacks;
 * {@link Timeline} writes a run as a readable list of messengers and decisions;
 * {@link MonteCarlo} estimates the probability of disagreement when every messenger is lost
 * independently with the same probability.
 *
 * <p>The protocols of {@link Family}: {@link Messengers messengers(k)}, {@link Acks acks(k)} and
 * {@link Retries retries(k)}. For every one of them, for every k, the search finds a pattern of
 * lost messengers under which one general attacks and the other does not. That is the
 * impossibility (Gray's "generals' paradox", 1978): take the run in which every messenger
 * arrives (both attack) and lose messengers from the last one backwards; each loss changes only
 * what its receiver knows, never what its sender knows, so somewhere before the run in which
 * nothing arrives (where B, having heard nothing, cannot attack) exactly one general attacks.
 * More messengers make disagreement rarer (for retries(k) only eventually); no number of them
 * makes it impossible.
 */
package io.github.bgp.generals;
