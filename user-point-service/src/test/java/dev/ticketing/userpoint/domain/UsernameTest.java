package dev.ticketing.userpoint.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsernameTest {

    @Test
    void isComparedInLowerCaseAndKeptAsTyped() {
        Username name = new Username("Jo.Doe-42_x");
        assertThat(name.value()).isEqualTo("Jo.Doe-42_x");
        assertThat(name.normalized()).isEqualTo("jo.doe-42_x");
    }

    @Test
    void isThreeToThirtyTwoCharactersOfLettersDigitsDotUnderscoreDash() {
        assertThat(Username.isValid("abc")).isTrue();
        assertThat(Username.isValid("a".repeat(32))).isTrue();
        assertThat(Username.isValid("ab")).isFalse();
        assertThat(Username.isValid("a".repeat(33))).isFalse();
        assertThat(Username.isValid("with space")).isFalse();
        assertThat(Username.isValid("İstanbul")).isFalse();
        assertThat(Username.isValid(null)).isFalse();
        assertThatThrownBy(() -> new Username("no@at")).isInstanceOf(UserPointError.InvalidUsername.class);
    }
}
