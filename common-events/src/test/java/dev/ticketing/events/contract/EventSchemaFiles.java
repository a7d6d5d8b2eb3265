package dev.ticketing.events.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The event schema files of common-events: {@code <eventType>-<major>.<minor>.json}, one per event type and version. */
final class EventSchemaFiles {

    /** Where the schemas live in this module, and inside every release tag. */
    static final Path SCHEMAS = Path.of("src/main/resources/asyncapi/schemas");

    private static final Pattern NAME = Pattern.compile("([A-Za-z]+)-(\\d+)\\.(\\d+)\\.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventSchemaFiles() {
    }

    record Version(int major, int minor) implements Comparable<Version> {

        @Override
        public int compareTo(Version other) {
            return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    record SchemaFile(String eventType, Version version, JsonNode schema) {
    }

    /** Parses one file name and its content; a name that does not follow the pattern is an error, not skipped. */
    static SchemaFile parse(String fileName, String content) {
        Matcher name = NAME.matcher(fileName);
        if (!name.matches()) {
            throw new IllegalArgumentException(fileName + " is not named <eventType>-<major>.<minor>.json");
        }
        return new SchemaFile(name.group(1), new Version(Integer.parseInt(name.group(2)),
                Integer.parseInt(name.group(3))), JSON.readTree(content));
    }

    /** Every schema file of a directory, by file name. */
    static Map<String, SchemaFile> read(Path directory) {
        Map<String, SchemaFile> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(directory)) {
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                files.put(path.getFileName().toString(), parse(path.getFileName().toString(), Files.readString(path)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
