package dev.ticketing.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Hands out distinct demo users (1..1000) in random order, so tests of one run never share a user's queue token. */
final class DemoUsers {

    private static final List<Long> UNUSED = new ArrayList<>();

    static {
        for (long id = 1; id <= 1000; id++) {
            UNUSED.add(id);
        }
        Collections.shuffle(UNUSED);
    }

    private DemoUsers() {
    }

    static synchronized long next() {
        return UNUSED.removeLast();
    }
}
