package dev.ticketing.userpoint.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testsupport.RealInfrastructure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two instances of the service on one database (two pods behind the gateway): concurrent wrong logins sent to both
 * are counted together, so the limits hold whichever instance an attacker reaches; per username exactly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "auth.login.max-failures-per-user=10", "auth.login.max-failures-per-address=25"})
@RealInfrastructure
class LoginThrottleAcrossInstancesTest {

    private static final TestKeys KEY = TestKeys.generate("shared-key");
    private static final int THREADS = 8;
    private static ServiceInstance second;

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        TestKeys.register(registry, KEY);
    }

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    private List<Http> bothInstances() {
        if (second == null) {
            Map<String, Object> properties = new LinkedHashMap<>(TestKeys.properties(new TestKeys[] {KEY}, KEY));
            properties.put("auth.login.max-failures-per-user", 10);
            properties.put("auth.login.max-failures-per-address", 25);
            second = ServiceInstance.onTheDatabaseOf(environment, properties);
        }
        return List.of(new Http(port), second.http());
    }

    @Test
    void concurrentWrongPasswordsOnTwoInstancesAreCountedTogether() throws Exception {
        List<Http> instances = bothInstances();
        instances.get(0).signUp("target", "target's password");

        List<Integer> statuses = concurrently(40, i -> instances.get(i % 2).login("target", "guess " + i,
                "198.51.100." + i).status());

        assertThat(statuses).filteredOn(status -> status == 401).hasSize(10);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(30);
        assertThat(jdbc.sql("SELECT attempts FROM login_attempt WHERE subject = 'user:target'")
                .query(Integer.class).single()).isEqualTo(10);
        assertThat(instances.get(1).login("target", "target's password", "203.0.113.9").status())
                .as("the right password on the other instance").isEqualTo(429);
    }

    @Test
    void concurrentFailuresFromOneAddressOnTwoInstancesAreCountedTogether() throws Exception {
        List<Http> instances = bothInstances();
        instances.get(1).signUp("bystander", "bystander's password");

        List<Integer> statuses = concurrently(40, i -> instances.get(i % 2).login("sprayed-" + i, "guess",
                "203.0.113.200").status());

        // failures per address are counted after the password check (so running logins never count): attempts
        // already running when the 25th failure lands may still fail, at most one per client thread
        long failures = statuses.stream().filter(status -> status == 401).count();
        assertThat(failures).isBetween(25L, 25L + THREADS);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(40 - (int) failures);
        assertThat(jdbc.sql("SELECT attempts FROM login_attempt WHERE subject = 'address:203.0.113.200'")
                .query(Long.class).single()).as("no failure lost between the instances").isEqualTo(failures);
        assertThat(instances.get(0).login("bystander", "bystander's password", "203.0.113.200").status())
                .isEqualTo(429);
        assertThat(instances.get(0).login("bystander", "bystander's password", "203.0.113.201").status())
                .isEqualTo(200);
    }

    @Test
    void manyUsersLoggingInAtOnceBehindOneAddressAreNeverRefused() throws Exception {
        List<Http> instances = bothInstances();
        for (int i = 0; i < 30; i++) {
            instances.get(i % 2).signUp("crowd-" + i, "crowd password " + i);
        }

        // all 30 at once: more logins running together than the address may fail
        List<Integer> statuses = concurrently(30, 30, i -> instances.get(i % 2).login("crowd-" + i,
                "crowd password " + i, "203.0.113.50").status());

        assertThat(statuses).as("30 logins at once from an address allowed 25 failures").containsOnly(200);
    }

    private static List<Integer> concurrently(int attempts, IntFunction<Integer> attempt) throws Exception {
        return concurrently(attempts, THREADS, attempt);
    }

    private static List<Integer> concurrently(int attempts, int threads, IntFunction<Integer> attempt)
            throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                int n = i;
                futures.add(pool.submit(() -> attempt.apply(n)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        }
    }
}
