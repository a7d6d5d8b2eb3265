package dev.ticketing.concert.bench;

import dev.ticketing.concert.ConcertApplication;
import dev.ticketing.testsupport.TestDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The real application (use cases, JPA, outbox and relay) on a throw-away database of the local MariaDB and an
 * in-process Kafka broker, started once per JVM and shared by every benchmark of the run (they run with -f 0, so the
 * 20-40 s start-up is paid once, not once per benchmark method). No HTTP server: the benchmarks call the use cases.
 */
final class BenchmarkApplication {

    private static ConfigurableApplicationContext context;

    private BenchmarkApplication() {
    }

    static synchronized ConfigurableApplicationContext context() {
        if (context != null) {
            return context;
        }
        TestDatabase database = TestDatabase.create("concertbench");
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        try {
            broker.afterPropertiesSet();
            // command-line arguments, because default properties would lose to application.yml and point the
            // benchmark at the real concert database
            context = new SpringApplicationBuilder(ConcertApplication.class)
                    .web(WebApplicationType.NONE)
                    .run("--spring.datasource.url=" + database.url(),
                            "--spring.datasource.username=" + database.user(),
                            "--spring.datasource.password=" + database.password(),
                            "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                            // the local server is MariaDB: Hibernate gets its dialect hints, as under ./bin/run
                            "--spring.profiles.active=mariadb",
                            "--concert.release.enabled=false",
                            "--spring.main.banner-mode=off",
                            "--logging.level.root=WARN");
        } catch (RuntimeException e) {
            broker.destroy();
            database.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            broker.destroy();
            database.close();
        }));
        exitWhenJmhIsDone();
        return context;
    }

    /**
     * JMH's main thread returns after a non-forked run without exiting, and the broker's and Kafka clients' threads
     * would keep the JVM (and the database) alive forever. Once it has returned, exit: the hook above cleans up.
     */
    private static void exitWhenJmhIsDone() {
        Thread jmhMain = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("main"))
                .findFirst()
                .orElseThrow();
        Thread watcher = new Thread(() -> {
            try {
                jmhMain.join();
                System.exit(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "exit-after-jmh");
        watcher.setDaemon(true);
        watcher.start();
    }
}
