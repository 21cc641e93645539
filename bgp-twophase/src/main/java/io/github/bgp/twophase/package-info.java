/**
 * Two-phase commit with a durable decision log, timeouts and crash recovery, and the two
 * generals impossibility made concrete.
 *
 * <p>Not implemented yet: this module is reserved for it (see the project's open issues), so
 * that a user's BOM import already names it.
 */
package io.github.bgp.twophase;
