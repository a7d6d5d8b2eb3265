package dev.ticketing.userpoint.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final Username alice = new Username("Alice.W");

    @Test
    void acceptsEightToOneHundredTwentyEightCharactersWithinBcryptsSeventyTwoBytes() {
        assertThatCode(() -> PasswordPolicy.check("12345678", alice)).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("a".repeat(72), alice)).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("密码密码密码密码", alice)).doesNotThrowAnyException();
    }

    @Test
    void refusesShortLongAndOverSeventyTwoBytePasswords() {
        assertThatThrownBy(() -> PasswordPolicy.check("1234567", alice)).isInstanceOf(UserPointError.PasswordRejected.class);
        assertThatThrownBy(() -> PasswordPolicy.check("a".repeat(129), alice))
                .isInstanceOf(UserPointError.PasswordRejected.class);
        assertThatThrownBy(() -> PasswordPolicy.check("a".repeat(73), alice))
                .isInstanceOf(UserPointError.PasswordRejected.class).hasMessageContaining("72 bytes");
        assertThatThrownBy(() -> PasswordPolicy.check(null, alice)).isInstanceOf(UserPointError.PasswordRejected.class);
    }

    @Test
    void refusesTheUsernameInAnyCase() {
        Username longName = new Username("Mallory99");
        assertThatThrownBy(() -> PasswordPolicy.check("mALLORY99", longName))
                .isInstanceOf(UserPointError.PasswordRejected.class).hasMessageContaining("username");
    }

    @Test
    void countsCharactersNotUtf16Units() {
        // seven emoji are 14 UTF-16 units but 7 characters: too short
        assertThatThrownBy(() -> PasswordPolicy.check("😀".repeat(7), alice))
                .isInstanceOf(UserPointError.PasswordRejected.class);
    }
}
