/**
 * SM(m), the signed messages algorithm of Lamport, Shostak and Pease (1982, section 4): with
 * unforgeable signatures, IC1 and IC2 hold for any number of generals n &ge; m + 2.
 *
 * <p>Not implemented yet: this module is reserved for it (see the project's open issues), so
 * that a user's BOM import already names it.
 */
package io.github.bgp.sm;
