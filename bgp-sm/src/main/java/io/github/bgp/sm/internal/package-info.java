/**
 * What SM(m) and Dolev-Strong share and no user calls: the commander and its signed first round, a
 * lieutenant's countersigned relays (a traitor's included), a lieutenant's side of a round, and its
 * check of a chain with its verify-once cache, and the checks and node factory of an instance. Not
 * exported by the module.
 */
package io.github.bgp.sm.internal;
