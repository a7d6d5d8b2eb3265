package dev.ticketing.events.contract;

import dev.ticketing.events.contract.EventSchemaFiles.SchemaFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Breaking changes between the released event schemas and the current ones. For each event type, the newest current
 * schema is compared with the newest released one: every field the release requires must still be required, with the
 * same type, format and constant. Consumers written against the release would otherwise fail on the new events. The
 * one way to make such a change is a new major version ({@code SeatReserved-2.0.json}): then the type is not compared
 * (a major version is a new contract, published beside the old one while consumers move, see common-events/README.md).
 * A minor version must stay compatible, as must the removal of an event type's schemas altogether.
 */
final class SchemaCompatibility {

    private static final List<String> COMPARED = List.of("type", "format", "const");

    private SchemaCompatibility() {
    }

    /** The breaking changes, one line each; empty when the current schemas are compatible with the released ones. */
    static List<String> breakingChanges(Collection<SchemaFile> released, Collection<SchemaFile> current) {
        Map<String, SchemaFile> releasedLatest = latestPerType(released);
        Map<String, SchemaFile> currentLatest = latestPerType(current);
        List<String> problems = new ArrayList<>();
        for (SchemaFile old : releasedLatest.values()) {
            SchemaFile now = currentLatest.get(old.eventType());
            String event = old.eventType() + " " + old.version();
            if (now == null) {
                problems.add(event + ": no schema of this event type any more");
                continue;
            }
            if (now.version().major() > old.version().major()) {
                continue;
            }
            if (now.version().compareTo(old.version()) < 0) {
                problems.add(event + ": the newest schema is " + now.version() + ", older than the release");
                continue;
            }
            Set<String> required = requiredOf(now.schema());
            for (String field : requiredOf(old.schema())) {
                if (!required.contains(field)) {
                    problems.add(event + ": required field " + field + " removed or made optional in "
                            + now.version() + " (raise the major version instead)");
                    continue;
                }
                JsonNode before = property(old.schema(), field);
                JsonNode after = property(now.schema(), field);
                for (String keyword : COMPARED) {
                    if (!Objects.equals(text(before, keyword), text(after, keyword))) {
                        problems.add(event + ": required field " + field + " changed its " + keyword + " from "
                                + text(before, keyword) + " to " + text(after, keyword) + " in " + now.version()
                                + " (raise the major version instead)");
                    }
                }
            }
        }
        return problems;
    }

    private static Map<String, SchemaFile> latestPerType(Collection<SchemaFile> files) {
        return files.stream().collect(Collectors.toMap(SchemaFile::eventType, Function.identity(),
                (a, b) -> Comparator.comparing(SchemaFile::version).compare(a, b) >= 0 ? a : b));
    }

    private static Set<String> requiredOf(JsonNode schema) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(field -> required.add(field.asString()));
        return required;
    }

    private static JsonNode property(JsonNode schema, String field) {
        return schema.path("properties").path(field);
    }

    private static String text(JsonNode property, String keyword) {
        return Optional.ofNullable(property.get(keyword)).map(JsonNode::toString).orElse(null);
    }
}
