package dev.ticketing.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.ticketing.events.DomainEvent;
import dev.ticketing.events.EventCodec;
import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.PaymentRefunded;
import dev.ticketing.events.ReservationConfirmationFailed;
import dev.ticketing.events.ReservationConfirmed;
import dev.ticketing.events.SeatReleased;
import dev.ticketing.events.SeatReserved;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every event record, serialized by the codec the services publish with, is valid against the JSON Schema of its type
 * and version (asyncapi/schemas, the payloads of asyncapi.yaml), and the schema declares every field it carries.
 */
class EventSchemasTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true).build()));

    /** Fields added to a released schema version, so optional there: the only fields allowed to be optional. */
    private static final Map<String, Set<String>> ADDED_OPTIONAL_FIELDS = Map.of(
            PaymentCompleted.TYPE, Set.of("concertId"));

    /** One real record of every event type, built the way the services build them. */
    static Stream<DomainEvent> everyEvent() {
        Instant at = CLOCK.instant();
        return Stream.of(
                SeatReserved.of(CLOCK, 42, 7, 1, 3, 99, 12, 120_000, at.plusSeconds(300)),
                SeatReleased.of(CLOCK, 42, 7, 3, 99, SeatReleased.Reason.EXPIRED),
                SeatReleased.of(CLOCK, 43, 8, 3, 98, SeatReleased.Reason.CANCELLED),
                ReservationConfirmed.of(CLOCK, 42, 5, 7, 3, 99),
                ReservationConfirmationFailed.of(CLOCK, 42, 5, 7, "hold expired before the payment"),
                PaymentCompleted.of(CLOCK, 5, 42, 7, 99, 120_000, 3L),
                PaymentRefunded.of(CLOCK, 5, 42, 7, 120_000));
    }

    static Schema schemaOf(String eventType, String version) {
        return SCHEMAS.getSchema(SchemaLocation.of("classpath:asyncapi/schemas/" + eventType + "-" + version + ".json"));
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void everyEventIsValidAgainstTheSchemaOfItsTypeAndVersion(DomainEvent event) {
        JsonNode json = JSON.readTree(EventCodec.toJson(event));

        List<Error> errors = schemaOf(event.eventType(), event.schemaVersion()).validate(json);

        assertThat(errors).as(event.eventType() + " " + json).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void theSchemaDeclaresEveryFieldTheEventCarriesAndRequiresThem(DomainEvent event) {
        JsonNode json = JSON.readTree(EventCodec.toJson(event));
        JsonNode schema = JSON.readTree(getClass().getResourceAsStream(
                "/asyncapi/schemas/" + event.eventType() + "-" + event.schemaVersion() + ".json"));
        Set<String> required = new HashSet<>();
        schema.get("required").forEach(field -> required.add(field.asString()));

        Set<String> optional = new HashSet<>(json.propertyNames());
        optional.removeAll(required);

        assertThat(json.propertyNames()).containsExactlyInAnyOrderElementsOf(schema.get("properties").propertyNames());
        assertThat(json.propertyNames()).containsAll(required);
        // a field added to a released version is optional (older producers do not send it), and only those
        assertThat(optional).as("optional fields of " + event.eventType())
                .containsExactlyInAnyOrderElementsOf(ADDED_OPTIONAL_FIELDS.getOrDefault(event.eventType(), Set.of()));
    }

    @Test
    void everyEventTypeHasASampleHere() {
        Set<Class<?>> sampled = new HashSet<>(everyEvent().map(Object::getClass).toList());

        assertThat(sampled).containsExactlyInAnyOrderElementsOf(Arrays.asList(DomainEvent.class.getPermittedSubclasses()));
    }

    @Test
    void theSchemasRefuseWhatAConsumerCouldNotRead() {
        ObjectNode valid = (ObjectNode) JSON.readTree(EventCodec.toJson(PaymentCompleted.of(CLOCK, 5, 42, 7, 99, 10, 3L)));
        Schema schema = schemaOf(PaymentCompleted.TYPE, PaymentCompleted.VERSION);
        assertThat(schema.validate(valid)).isEmpty();

        assertThat(schema.validate(valid.deepCopy().put("amount", "ten"))).isNotEmpty();
        assertThat(schema.validate(valid.deepCopy().put("eventId", "not-a-uuid"))).isNotEmpty();
        assertThat(schema.validate(valid.deepCopy().put("occurredAt", "yesterday"))).isNotEmpty();
        assertThat(schema.validate(valid.deepCopy().put("eventType", "PaymentRefunded"))).isNotEmpty();
        assertThat(schema.validate(valid.deepCopy().put("schemaVersion", "2.0"))).isNotEmpty();
        ObjectNode missing = valid.deepCopy();
        missing.remove("userId");
        assertThat(schema.validate(missing)).isNotEmpty();
        // a newer minor version adds optional fields: still valid, consumers ignore them
        assertThat(schema.validate(valid.deepCopy().put("schemaVersion", "1.1").put("currency", "POINTS"))).isEmpty();
    }
}
