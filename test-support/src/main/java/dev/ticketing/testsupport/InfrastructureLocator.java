package dev.ticketing.testsupport;

import java.net.InetSocketAddress;
import java.net.Socket;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mysql.MySQLContainer;

/**
 * Finds the database and Redis servers for tests, once per JVM. Local servers are the default (this project's CI has
 * no Docker engine); {@code TEST_INFRA=containers} with a running Docker engine starts MySQL 8 and Redis 7 instead.
 */
public final class InfrastructureLocator {

    /** How to reach a MySQL-compatible server as a user that may create and drop databases. */
    public record Database(String host, int port, String adminUser, String adminPassword, boolean mariaDb) {

        public String jdbcUrl(String database) {
            return "jdbc:mysql://" + host + ":" + port + "/" + database
                    + "?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true";
        }
    }

    public record Redis(String host, int port) {
    }

    private static Database database;
    private static Redis redis;

    private InfrastructureLocator() {
    }

    public static synchronized Database database() {
        if (database == null) {
            database = useContainers() ? startMySqlContainer() : localDatabase();
        }
        return database;
    }

    public static synchronized Redis redis() {
        if (redis == null) {
            redis = useContainers() ? startRedisContainer() : localRedis();
        }
        return redis;
    }

    private static boolean useContainers() {
        return "containers".equalsIgnoreCase(env("TEST_INFRA", "local"))
                && DockerClientFactory.instance().isDockerAvailable();
    }

    private static Database localDatabase() {
        String host = env("TEST_MYSQL_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("TEST_MYSQL_PORT", "3306"));
        requireListening("MariaDB/MySQL", host, port);
        return new Database(host, port, env("TEST_MYSQL_USER", "ticketing_test"),
                env("TEST_MYSQL_PASSWORD", "ticketing_test"), true);
    }

    private static Redis localRedis() {
        String host = env("TEST_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("TEST_REDIS_PORT", "6379"));
        requireListening("Redis", host, port);
        return new Redis(host, port);
    }

    @SuppressWarnings("resource") // lives as long as the test JVM; Testcontainers' reaper removes it
    private static Database startMySqlContainer() {
        MySQLContainer mysql = new MySQLContainer("mysql:8.4").withUsername("root").withPassword("test");
        mysql.start();
        return new Database(mysql.getHost(), mysql.getMappedPort(3306), "root", "test", false);
    }

    @SuppressWarnings("resource")
    private static Redis startRedisContainer() {
        GenericContainer<?> container = new GenericContainer<>("redis:7.4-alpine").withExposedPorts(6379);
        container.start();
        return new Redis(container.getHost(), container.getMappedPort(6379));
    }

    private static void requireListening(String what, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (Exception e) {
            throw new IllegalStateException(what + " is not listening on " + host + ":" + port
                    + ". Start the local infrastructure with infra/local/up.sh (or run ./bin/test, which does),"
                    + " or point TEST_* variables at a running server.", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
