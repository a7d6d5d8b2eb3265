package dev.ticketing.events.contract;

import dev.ticketing.events.contract.EventSchemaFiles.SchemaFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The event schemas of the last release: those of the newest tag reachable from HEAD ({@code git describe --tags
 * --abbrev=0}), or, where there is no tag (or no git, or a tag from before the schemas existed), the committed
 * baseline {@code src/test/resources/asyncapi/released/}, a copy of the schemas as last released.
 */
final class ReleasedSchemas {

    static final Path BASELINE = Path.of("src/test/resources/asyncapi/released");

    record Released(String source, List<SchemaFile> schemas) {
    }

    private ReleasedSchemas() {
    }

    /** The released schemas for the module in the working directory. */
    static Released load() {
        return load(Path.of(""));
    }

    /** The released schemas for the module in {@code module} (its git repository's tags, else its baseline). */
    static Released load(Path module) {
        Optional<String> tag = git(module, "describe", "--tags", "--abbrev=0").map(String::trim)
                .filter(t -> !t.isEmpty());
        if (tag.isPresent()) {
            Optional<String> prefix = git(module, "rev-parse", "--show-prefix").map(String::trim); // common-events/
            String directory = prefix.orElse("") + EventSchemaFiles.SCHEMAS.toString().replace('\\', '/') + "/";
            List<SchemaFile> schemas = new ArrayList<>();
            for (String name : git(module, "ls-tree", "--full-tree", "--name-only", tag.get(), directory).orElse("").lines().toList()) {
                String file = name.substring(name.lastIndexOf('/') + 1);
                if (file.endsWith(".json")) {
                    String content = git(module, "show", tag.get() + ":" + name).orElseThrow(
                            () -> new IllegalStateException("git show " + tag.get() + ":" + name + " failed"));
                    schemas.add(EventSchemaFiles.parse(file, content));
                }
            }
            if (!schemas.isEmpty()) {
                return new Released("tag " + tag.get(), schemas);
            }
        }
        return new Released("baseline " + BASELINE,
                List.copyOf(EventSchemaFiles.read(module.resolve(BASELINE)).values()));
    }

    /** The output of a git command run in the module, or empty when git is missing or the command fails. */
    static Optional<String> git(Path module, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(module.toAbsolutePath().toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(output);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted running git", e));
        }
    }
}
