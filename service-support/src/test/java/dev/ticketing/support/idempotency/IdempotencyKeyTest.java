package dev.ticketing.support.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

    @Test
    void readsTheDraftsStructuredFieldString() {
        assertThat(IdempotencyKey.parse("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"").value())
                .isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
    }

    @Test
    void unescapesQuotesAndBackslashesAndKeepsSpaces() {
        assertThat(IdempotencyKey.parse("\"a \\\"b\\\\ c\"").value()).isEqualTo("a \"b\\ c");
    }

    @Test
    void theBareFormOfOlderClientsIsTheSameKey() {
        assertThat(IdempotencyKey.parse("click-1")).isEqualTo(IdempotencyKey.parse("\"click-1\""));
    }

    @Test
    void acceptsOneHundredCharactersAndNoMore() {
        assertThat(IdempotencyKey.parse("\"" + "k".repeat(100) + "\"").value()).hasSize(100);
        assertThatThrownBy(() -> IdempotencyKey.parse("\"" + "k".repeat(101) + "\""))
                .isInstanceOf(MalformedIdempotencyKeyException.class);
        assertThatThrownBy(() -> IdempotencyKey.parse("k".repeat(101)))
                .isInstanceOf(MalformedIdempotencyKeyException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"\"", "\"open", "\"a\";p=1", "\"a\", \"b\"", "\"a\" ", " \"a\"", "\"a\\nb\"",
            "\"tab\there\"", "\"caf\u00e9\"", "caf\u00e9", "has space", "a,b", "a\"b", "a\\b", "\"a\\\"",
            "\"\u0000\""})
    void refusesEverythingElse(String header) {
        assertThatThrownBy(() -> IdempotencyKey.parse(header)).isInstanceOf(MalformedIdempotencyKeyException.class);
    }

    @Test
    void noHeaderIsNoKeyAndTwoAreRefused() {
        assertThat(IdempotencyKey.fromHeaders(List.of())).isEmpty();
        assertThat(IdempotencyKey.fromHeaders(List.of("\"a\""))).contains(new IdempotencyKey("a"));
        assertThatThrownBy(() -> IdempotencyKey.fromHeaders(List.of("\"a\"", "\"a\"")))
                .isInstanceOf(MalformedIdempotencyKeyException.class);
    }
}
