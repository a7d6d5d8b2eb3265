package dev.ticketing.userpoint.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperationKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "payment-42", "3f2b1c9e-8a7d-4e6f-9b0a-1c2d3e4f5a6b", "~!@#$%^&*()_+{}|:<>?"})
    void acceptsVisibleAsciiKeys(String key) {
        assertThat(new OperationKey(1, TransactionType.DEBIT, key).key()).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "has space", "tab\tkey", "caf\u00e9", "line\n"})
    void refusesEmptyBlankOrNonAsciiKeys(String key) {
        assertThatThrownBy(() -> new OperationKey(1, TransactionType.DEBIT, key))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAreAtMostOneHundredCharacters() {
        assertThat(OperationKey.isValid("k".repeat(100))).isTrue();
        assertThat(OperationKey.isValid("k".repeat(101))).isFalse();
        assertThat(OperationKey.isValid(null)).isFalse();
    }

    @Test
    void theSameKeyOfAnotherUserOrTypeIsAnotherOperation() {
        OperationKey debit = new OperationKey(1, TransactionType.DEBIT, "k");
        assertThat(debit).isEqualTo(new OperationKey(1, TransactionType.DEBIT, "k"));
        assertThat(debit).isNotEqualTo(new OperationKey(2, TransactionType.DEBIT, "k"));
        assertThat(debit).isNotEqualTo(new OperationKey(1, TransactionType.REFUND, "k"));
    }
}
