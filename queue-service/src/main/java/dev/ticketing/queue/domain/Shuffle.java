package dev.ticketing.queue.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The draw of a scheduled opening: a Fisher–Yates shuffle driven by the Park–Miller generator
 * ({@code x' = 48271 x mod (2^31 - 1)}), so that anyone holding the seed and the pre-queue in join order can replay
 * it. {@code scripts/open.lua} runs the same steps inside Redis (the products stay below 2^53, so Lua's doubles
 * compute them exactly); this class is the reference that the replay test holds the script to.
 */
public final class Shuffle {

    public static final long MODULUS = 2_147_483_647L;
    private static final long MULTIPLIER = 48_271L;

    private Shuffle() {
    }

    /** A seed for the generator: 1 .. 2^31 - 2 (0 and the modulus would stay 0 forever). */
    public static long newSeed(RandomGenerator random) {
        return 1 + random.nextLong(MODULUS - 1);
    }

    public static boolean isSeed(long seed) {
        return seed >= 1 && seed < MODULUS;
    }

    /** {@code joinOrder} rearranged by the draw of {@code seed}. */
    public static <T> List<T> replay(List<T> joinOrder, long seed) {
        if (!isSeed(seed)) {
            throw new IllegalArgumentException("Not a seed of the draw: " + seed);
        }
        List<T> order = new ArrayList<>(joinOrder);
        long state = seed;
        for (int i = order.size() - 1; i >= 1; i--) {
            state = (state * MULTIPLIER) % MODULUS;
            int j = (int) (state % (i + 1));
            Collections.swap(order, i, j);
        }
        return order;
    }
}
