package dev.ticketing.userpoint.api;

import dev.ticketing.userpoint.domain.PointOutcome;

/** Carries a refused outcome from a controller to {@link PointProblems}, which answers it. */
class OutcomeRefusedException extends RuntimeException {

    private final PointOutcome outcome;

    private OutcomeRefusedException(PointOutcome outcome) {
        super(null, null, false, false);
        this.outcome = outcome;
    }

    PointOutcome outcome() {
        return outcome;
    }

    /** The applied transaction, or the refusal thrown for the problem handler to answer. */
    static PointOutcome.Applied requireApplied(PointOutcome outcome) {
        if (outcome instanceof PointOutcome.Applied applied) {
            return applied;
        }
        throw new OutcomeRefusedException(outcome);
    }
}
