package dev.ticketing.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Drives the processes ./bin/test started (same scripts, same environment), so drills can stop the broker or crash
 * a service the way an outage or an OOM-killed pod would.
 */
final class LocalSystem {

    static final Path ROOT = repoRoot();

    private LocalSystem() {
    }

    /** SIGKILL: no graceful shutdown, requests in flight are cut. */
    static void killService(String name) {
        // kill -9 returns before the process is gone; its port is free only once it is
        bash("pid=$(cat \"$PID_DIR/" + name + ".pid\"); kill -9 $pid; while kill -0 $pid 2>/dev/null; do sleep 0.1; done;"
                + " rm -f \"$PID_DIR/" + name + ".ready\"");
    }

    static void startService(String name) {
        bash("start_service " + name + " && wait_healthy 180");
    }

    /** Starts the service without waiting: the caller measures its readiness itself ({@link #awaitReady}). */
    static void launchService(String name) {
        bash("start_service " + name);
    }

    /** Polls the service's readiness every 100 ms; returns System.nanoTime() of the first ready answer. */
    static long awaitReady(int port, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return System.nanoTime();
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Gateway.sleep(100);
        }
        throw new AssertionError("Port " + port + " not ready within " + timeout);
    }

    /**
     * Shuts the shared Redis down and returns the command that starts it again exactly as infra/local/up.sh started
     * it (same port, data directory, AOF, pid and log file, read from the running server). SHUTDOWN flushes the AOF,
     * so the other users of this Redis lose nothing acknowledged.
     */
    static String stopRedis() {
        String port = System.getenv().getOrDefault("REDIS_PORT", "6379");
        String command = "redis-server --daemonize yes --bind 127.0.0.1 --port " + port
                + " --dir '" + redisConfig(port, "dir") + "' --appendonly yes --appendfsync "
                + redisConfig(port, "appendfsync") + " --pidfile '" + redisConfig(port, "pidfile")
                + "' --logfile '" + redisConfig(port, "logfile") + "'";
        bash("redis-cli -p " + port + " SHUTDOWN >/dev/null 2>&1 || true;"
                + " while redis-cli -p " + port + " PING >/dev/null 2>&1; do sleep 0.05; done");
        return command;
    }

    /** Runs {@link #stopRedis}'s command and returns once Redis answers PING (System.nanoTime() of that answer). */
    static long startRedis(String command) {
        String port = System.getenv().getOrDefault("REDIS_PORT", "6379");
        bash(command + " && until [ \"$(redis-cli -p " + port + " PING 2>/dev/null)\" = PONG ]; do sleep 0.02; done");
        return System.nanoTime();
    }

    private static String redisConfig(String port, String key) {
        try {
            Process process = new ProcessBuilder("redis-cli", "-p", port, "CONFIG", "GET", key).start();
            String[] lines = new String(process.getInputStream().readAllBytes()).strip().split("\n");
            if (!process.waitFor(10, TimeUnit.SECONDS) || lines.length != 2 || lines[1].isBlank()) {
                throw new IllegalStateException("Cannot read Redis's " + key + ": " + String.join(" ", lines));
            }
            return lines[1].strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether ./bin/test (infra/local/up.sh) started the broker, so a drill may stop it. */
    static boolean brokerIsOurs() {
        return Files.exists(stateDir().resolve("started/kafka"));
    }

    static void stopKafka() {
        bash("\"$REPO_ROOT/infra/local/kafka/stop.sh\"");
    }

    static void startKafka() {
        bash("\"$REPO_ROOT/infra/local/kafka/start.sh\"");
    }

    static Path stateDir() {
        String configured = System.getenv("TICKETING_STATE_DIR");
        return configured == null || configured.isBlank() ? ROOT.resolve(".infra") : Path.of(configured);
    }

    private static void bash(String script) {
        try {
            Process process = new ProcessBuilder("bash", "-c",
                    "source infra/local/lib.sh && source bin/services.sh && " + script)
                    .directory(ROOT.toFile()).inheritIO().start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("Failed: " + script);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bin/services.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Run the system tests from inside the repository");
        }
        return dir;
    }
}
