package dev.ticketing.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Hands out distinct demo users (1..1000) in random order, so tests of one run never share a user's queue token.
 * Users {@link #HOSTILE_FIRST}..{@link #HOSTILE_LAST} are kept for the hostile-input suite, whose before/after
 * comparisons must not see another test's purchases; users {@link #STAMPEDE_FIRST}..{@link #STAMPEDE_LAST} for the
 * seat stampede (SeatStampedeSystemTest), which needs a hundred users with no holds of their own, all admitted at once.
 */
final class DemoUsers {

    static final long HOSTILE_FIRST = 900;
    static final long HOSTILE_LAST = 949;
    static final long STAMPEDE_FIRST = 800;
    static final long STAMPEDE_LAST = 899;

    private static final List<Long> UNUSED = new ArrayList<>();

    static {
        for (long id = 1; id <= 1000; id++) {
            boolean kept = id >= HOSTILE_FIRST && id <= HOSTILE_LAST || id >= STAMPEDE_FIRST && id <= STAMPEDE_LAST;
            if (!kept) {
                UNUSED.add(id);
            }
        }
        Collections.shuffle(UNUSED);
    }

    private DemoUsers() {
    }

    static synchronized long next() {
        return UNUSED.removeLast();
    }
}
