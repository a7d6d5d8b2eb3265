package dev.ticketing.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft broker in its own process, started from the jars {@code infra/local/kafka} resolves, on a
 * fixed port and data directory. Unlike the in-process broker it can be stopped and started again with its topics
 * and cluster id intact: a genuine broker outage for fault tests.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Path repoRoot;
    private final Path directory;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBrokerProcess(Path repoRoot, Path directory, int port, int controllerPort) {
        this.repoRoot = repoRoot;
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public static KafkaBrokerProcess start() {
        try {
            Path root = repoRoot();
            KafkaBrokerProcess broker = new KafkaBrokerProcess(root, Files.createTempDirectory("kafka-broker-"),
                    ServiceProcess.freePort(), ServiceProcess.freePort());
            broker.format();
            broker.restart();
            return broker;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker (SIGTERM, as a pod eviction would) and waits until it is gone. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts (again) on the same port and data directory, and waits until it accepts connections. */
    public void restart() {
        try {
            process = new ProcessBuilder(java(List.of("kafka.Kafka", properties().toString())))
                    .redirectErrorStream(true).redirectOutput(directory.resolve("broker.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the Kafka broker", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited; see " + directory.resolve("broker.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("Kafka broker not listening within 60 s");
    }

    @Override
    public void close() {
        stop();
    }

    private void format() throws IOException {
        Path properties = properties();
        String template = Files.readString(repoRoot.resolve("infra/local/kafka/server.properties.template"));
        Files.writeString(properties, template
                .replace("@PORT@", Integer.toString(port))
                .replace("@CONTROLLER_PORT@", Integer.toString(controllerPort))
                .replace("@DATA_DIR@", directory.resolve("data").toString())
                .replace("auto.create.topics.enable=false", "auto.create.topics.enable=true"));
        run(List.of("kafka.tools.StorageTool", "format", "--standalone", "-t", "tEsTcLuStErIdAAAAAAAAAA", "-c",
                properties.toString()));
    }

    private Path properties() {
        return directory.resolve("server.properties");
    }

    private void run(List<String> arguments) throws IOException {
        Process formatting = new ProcessBuilder(java(arguments)).redirectErrorStream(true)
                .redirectOutput(directory.resolve("format.log").toFile()).start();
        try {
            if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                throw new IllegalStateException("Kafka storage format failed; see " + directory.resolve("format.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> java(List<String> arguments) {
        Path classpath = stateDirectory().resolve("kafka/classpath.txt");
        if (!Files.exists(classpath)) {
            throw new IllegalStateException("No Kafka broker classpath at " + classpath
                    + ": run infra/local/up.sh once (./bin/test does) to resolve Kafka's jars");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-Dkafka.logs.dir=" + directory, "-Dlog4j2.configurationFile="
                        + repoRoot.resolve("infra/local/kafka/log4j2.properties"),
                "-cp", readString(classpath).trim()));
        command.addAll(arguments);
        return command;
    }

    private Path stateDirectory() {
        String configured = System.getenv("TICKETING_STATE_DIR");
        return configured == null || configured.isBlank() ? repoRoot.resolve(".infra") : Path.of(configured);
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("infra/local/kafka/server.properties.template"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Run tests from inside the repository (infra/local/kafka not found)");
        }
        return dir;
    }

    private static String readString(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
