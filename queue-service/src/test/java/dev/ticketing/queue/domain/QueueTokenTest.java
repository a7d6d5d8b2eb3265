package dev.ticketing.queue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QueueTokenTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void generatedTokenCarries192BitsInUrlSafeCharacters() {
        QueueToken token = QueueToken.generate(random);

        assertThat(token.value()).hasSize(32).matches("[A-Za-z0-9_-]{32}");
        assertThat(QueueToken.parse(token.value())).contains(token);
    }

    @Test
    void generatedTokensDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(QueueToken.generate(random).value())).isTrue();
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "tooShortToBeOurs", "has spaces in it and is long enough",
            "bad+alphabet/for=tokens_xxxxxxxxxxxx", "한국어토큰한국어토큰한국어토큰한국어토큰한국어토큰"})
    void garbageIsNotAToken(String raw) {
        assertThat(QueueToken.parse(raw)).isEmpty();
    }

    @Test
    void oversizedValueIsNotAToken() {
        assertThat(QueueToken.parse("a".repeat(QueueToken.MAX_LENGTH))).isPresent();
        assertThat(QueueToken.parse("a".repeat(QueueToken.MAX_LENGTH + 1))).isEmpty();
    }

    @Test
    void constructingFromGarbageIsRefused() {
        assertThatThrownBy(() -> new QueueToken("not a token")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenIsNotPrintedWhole() {
        QueueToken token = QueueToken.generate(random);

        assertThat(token.toString()).doesNotContain(token.value()).startsWith("QueueToken[" + token.value().substring(0, 6));
    }
}
