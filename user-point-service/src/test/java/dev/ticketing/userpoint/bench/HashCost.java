package dev.ticketing.userpoint.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The CPU time of one bcrypt check per cost factor, measured as thread CPU time, so that other processes on a shared
 * machine do not inflate it the way they inflate wall time (LoginBenchmark). 1000 / ms is the logins per second one
 * core can check. Run (docs/benchmarks/user-point-service.md):
 * java -cp "$(./mvnw -q -o -pl user-point-service dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
 * user-point-service/src/test/java/dev/ticketing/userpoint/bench/HashCost.java
 */
public final class HashCost {

    private HashCost() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int strength : new int[] {10, 11, 12}) {
            BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(strength);
            String hash = encoder.encode("benchmark password");
            for (int i = 0; i < 3; i++) {
                encoder.matches("benchmark password", hash);
            }
            int checks = strength == 10 ? 20 : 10;
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < checks; i++) {
                if (!encoder.matches("benchmark password", hash)) {
                    throw new IllegalStateException("hash check failed");
                }
            }
            double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / checks;
            double wallMs = (System.nanoTime() - wall) / 1e6 / checks;
            System.out.printf("bcrypt cost %d: %.1f ms CPU per check (%.1f ms wall), %.1f checks/s per core%n",
                    strength, cpuMs, wallMs, 1000 / cpuMs);
        }
    }
}
