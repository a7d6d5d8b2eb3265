package dev.ticketing.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

class ValidatedOnceFirewallTest {

    private final ValidatedOnceFirewall firewall = new ValidatedOnceFirewall();

    @Test
    void theHeaderRuleIsSpringSecuritysExpressionForEveryCodePoint() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + new String(Character.toChars(codePoint)) + "b";
            assertThat(ValidatedOnceFirewall.assignedAndNotControl(text, false)).as("name U+%04X", codePoint)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(text));
            assertThat(ValidatedOnceFirewall.assignedAndNotControl(text, true)).as("value U+%04X", codePoint)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(text));
        }
        assertThat(ValidatedOnceFirewall.assignedAndNotControl("", false)).isTrue();
    }

    @Test
    void everyHeaderIsCheckedOnEntryEvenOneNoFilterReads() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/concerts")
                .header("X-Unread", "ok\u0085then"));

        assertThatThrownBy(() -> firewall.getFirewalledExchange(exchange).block())
                .isInstanceOf(ServerExchangeRejectedException.class);
    }

    @Test
    void aQueryParameterNameWithAControlCharacterIsRefused() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/concerts")
                .queryParam("pa\u0007ge", "1"));

        assertThatThrownBy(() -> firewall.getFirewalledExchange(exchange).block())
                .isInstanceOf(ServerExchangeRejectedException.class);
    }

    @Test
    void theStrictUrlRulesStillApply() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/a%2F..%2Fb"));

        assertThatThrownBy(() -> firewall.getFirewalledExchange(exchange).block())
                .isInstanceOf(ServerExchangeRejectedException.class);
    }

    @Test
    void aCleanRequestPassesUnwrappedSoLaterReadsAreNotCheckedAgain() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/concerts")
                .header("Authorization", "Bearer eyJhbGciOiJFUzI1NiJ9.e30.c2ln").queryParam("page", "1"));

        ServerWebExchange checked = firewall.getFirewalledExchange(exchange).block();

        assertThat(checked).isSameAs(exchange);
    }
}
