package dev.ticketing.system;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the system-test classes in a new random order every run, so that none can lean on what another left behind;
 * the classes marked {@link RunsLast} come after all the others. The seed is printed, and {@code
 * -Dsystem-tests.class-order.seed=N} runs that order again. ({@code java.util.Random} is spelled out: the interface has
 * a nested {@code Random} orderer of its own.)
 */
public class ShuffledClassOrder implements ClassOrderer {

    static final String SEED_PROPERTY = "system-tests.class-order.seed";

    /** One seed per run: JUnit asks again for the nested classes of each class. */
    private static final long SEED = seed();

    @Override
    public void orderClasses(ClassOrdererContext context) {
        List<? extends ClassDescriptor> classes = context.getClassDescriptors();
        if (classes.size() < 2) {
            return;
        }
        // sorted first, so one seed gives one order whatever order the classes were discovered in
        classes.sort(Comparator.comparing(descriptor -> descriptor.getTestClass().getName()));
        Collections.shuffle(classes, new java.util.Random(SEED));
        classes.sort(Comparator.comparing(descriptor -> descriptor.isAnnotated(RunsLast.class)));
    }

    private static long seed() {
        String given = System.getProperty(SEED_PROPERTY, "");
        long seed = given.isBlank() ? new java.util.Random().nextLong() : Long.parseLong(given.trim());
        System.out.printf("System-test classes in shuffled order, seed %d (-D%s=%d runs this order again)%n",
                seed, SEED_PROPERTY, seed);
        return seed;
    }
}
