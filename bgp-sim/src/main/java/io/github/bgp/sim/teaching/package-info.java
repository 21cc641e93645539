/**
 * What a traced run of OM(m) teaches, as data: {@link io.github.bgp.sim.teaching.Lesson} holds
 * each lieutenant's tree of what it heard, its lies and absences marked, the folds up to its
 * decision, and the tables the lecture notes draw, for reports ({@link io.github.bgp.sim.Traces})
 * and views to show.
 */
package io.github.bgp.sim.teaching;
