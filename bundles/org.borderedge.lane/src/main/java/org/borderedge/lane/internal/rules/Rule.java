package org.borderedge.lane.internal.rules;

import org.borderedge.lane.RuleResult;

/** One check of a decision: a pure function of the facts, no I/O, no clock. */
public interface Rule {

    String name();

    RuleResult evaluate(DecisionContext context);
}
