package dev.ticketing.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
