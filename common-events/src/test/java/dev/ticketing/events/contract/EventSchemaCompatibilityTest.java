package dev.ticketing.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.events.contract.EventSchemaFiles.SchemaFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schemas of this build against those of the last release; and the check itself fed broken schemas. */
class EventSchemaCompatibilityTest {

    @TempDir Path current;

    @BeforeEach
    void copyTheCurrentSchemas() throws IOException {
        try (var files = Files.list(EventSchemaFiles.SCHEMAS)) {
            for (Path file : files.toList()) {
                Files.copy(file, current.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void theCurrentSchemasAreCompatibleWithTheLastRelease() {
        ReleasedSchemas.Released released = ReleasedSchemas.load();

        assertThat(released.schemas()).as(released.source()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(SchemaCompatibility.breakingChanges(released.schemas(), currentSchemas()))
                .as("against " + released.source()).isEmpty();
    }

    @Test
    void theLastReleaseTagWinsOverTheBaseline(@TempDir Path repository) throws IOException {
        Path module = repository.resolve("common-events");
        Path schemas = module.resolve(EventSchemaFiles.SCHEMAS);
        Files.createDirectories(schemas);
        Files.copy(EventSchemaFiles.SCHEMAS.resolve("PaymentRefunded-1.0.json"), schemas.resolve("PaymentRefunded-1.0.json"));
        git(repository, "init", "-q");
        git(repository, "add", ".");
        git(repository, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "release");
        git(repository, "tag", "v1.0.0");

        ReleasedSchemas.Released released = ReleasedSchemas.load(module);

        assertThat(released.source()).isEqualTo("tag v1.0.0");
        assertThat(released.schemas()).extracting(SchemaFile::eventType).containsExactly("PaymentRefunded");
        assertThat(SchemaCompatibility.breakingChanges(released.schemas(), currentSchemas())).isEmpty();
    }

    @Test
    void theBaselineIsTheSchemasOfTheRelease() {
        assertThat(EventSchemaFiles.read(ReleasedSchemas.BASELINE).keySet())
                .isSubsetOf(EventSchemaFiles.read(EventSchemaFiles.SCHEMAS).keySet());
    }

    @Test
    void removingARequiredFieldIsRefused() throws IOException {
        edit("SeatReserved-1.0.json", json -> json
                .replace("\"price\",\n", "")
                .replaceFirst("\"price\": \\{[^}]*},", ""));

        assertThat(breakingChanges()).containsExactly(
                "SeatReserved 1.0: required field price removed or made optional in 1.0 (raise the major version instead)");
    }

    @Test
    void makingARequiredFieldOptionalIsRefused() throws IOException {
        edit("PaymentRefunded-1.0.json", json -> json.replace("\"amount\"\n  ]", "\"userId\"\n  ]")
                .replace("\"userId\",\n    \"userId\"", "\"userId\""));

        assertThat(breakingChanges()).singleElement().asString()
                .contains("PaymentRefunded 1.0: required field amount removed or made optional");
    }

    @Test
    void retypingARequiredFieldIsRefused() throws IOException {
        edit("SeatReserved-1.0.json", json -> json.replace(
                "\"seatNumber\": {\n      \"type\": \"integer\"", "\"seatNumber\": {\n      \"type\": \"string\""));
        edit("PaymentCompleted-1.0.json", json -> json.replace("\"format\": \"uuid\"", "\"format\": \"uri\""));

        assertThat(breakingChanges()).containsExactlyInAnyOrder(
                "PaymentCompleted 1.0: required field eventId changed its format from \"uuid\" to \"uri\" in 1.0"
                        + " (raise the major version instead)",
                "SeatReserved 1.0: required field seatNumber changed its type from \"integer\" to \"string\" in 1.0"
                        + " (raise the major version instead)");
    }

    @Test
    void aMinorVersionMustStayCompatibleToo() throws IOException {
        Files.move(current.resolve("SeatReleased-1.0.json"), current.resolve("SeatReleased-1.1.json"));
        edit("SeatReleased-1.1.json", json -> json.replace("\"reason\"\n  ]", "\"seatId\"\n  ]")
                .replace("\"seatId\",\n    \"seatId\"", "\"seatId\""));

        assertThat(breakingChanges()).singleElement().asString()
                .startsWith("SeatReleased 1.0: required field reason removed or made optional in 1.1");
    }

    @Test
    void removingAnEventTypeIsRefused() throws IOException {
        Files.delete(current.resolve("ReservationConfirmed-1.0.json"));

        assertThat(breakingChanges()).containsExactly("ReservationConfirmed 1.0: no schema of this event type any more");
    }

    @Test
    void aNewMajorVersionMayChangeWhatItLikesAndAddingOptionalFieldsIsCompatible() throws IOException {
        Files.move(current.resolve("SeatReserved-1.0.json"), current.resolve("SeatReserved-2.0.json"));
        edit("SeatReserved-2.0.json", json -> json.replace("\"price\",\n", "")
                .replace("\"seatNumber\": {\n      \"type\": \"integer\"", "\"seatNumber\": {\n      \"type\": \"string\""));
        edit("PaymentCompleted-1.0.json", json -> json.replace("\"properties\": {",
                "\"properties\": {\n    \"currency\": {\"type\": \"string\"},"));

        assertThat(breakingChanges()).isEmpty();
    }

    private static void git(Path directory, String... arguments) {
        assertThat(ReleasedSchemas.git(directory, arguments)).as("git " + String.join(" ", arguments)).isPresent();
    }

    private List<SchemaFile> currentSchemas() {
        return List.copyOf(EventSchemaFiles.read(current).values());
    }

    private List<String> breakingChanges() {
        return SchemaCompatibility.breakingChanges(EventSchemaFiles.read(ReleasedSchemas.BASELINE).values(),
                currentSchemas());
    }

    private void edit(String file, UnaryOperator<String> change) throws IOException {
        Path path = current.resolve(file);
        String before = Files.readString(path);
        String after = change.apply(before);
        assertThat(after).as("the edit of " + file + " changed it").isNotEqualTo(before);
        Files.writeString(path, after);
    }
}
