/**
 * What SM(m) and Dolev-Strong share and no user calls: the commander's signed first round, a
 * traitor's signed relays, and each lieutenant's check of a chain with its verify-once cache. Not
 * exported by the module.
 */
package io.github.bgp.sm.internal;
