package dev.ticketing.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

class HeaderCharactersTest {

    @Test
    void theRuleIsSpringSecuritysExpressionForEveryCodePoint() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + new String(Character.toChars(codePoint)) + "b";
            assertThat(HeaderCharacters.allowedInName(text)).as("name U+%04X", codePoint)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(text));
            assertThat(HeaderCharacters.allowedInValue(text)).as("value U+%04X", codePoint)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(text));
        }
        assertThat(HeaderCharacters.allowedInName("")).isTrue();
        assertThat(HeaderCharacters.allowedInValue(null))
                .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(null));
        assertThat(HeaderCharacters.allowedInName(null))
                .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(null));
    }

    @Test
    void theGatewaysFirewallRefusesAHeaderWithAControlCharacterWhenItIsRead() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/concerts")
                .header(HttpHeaders.AUTHORIZATION, "Bearer abc\u0085def").header("X-Fine", "fine"));

        HttpHeaders headers = new SecurityConfiguration().firewall().getFirewalledExchange(exchange).block()
                .getRequest().getHeaders();

        assertThat(headers.getFirst("X-Fine")).isEqualTo("fine");
        assertThatThrownBy(() -> headers.getFirst(HttpHeaders.AUTHORIZATION))
                .isInstanceOf(ServerExchangeRejectedException.class);
    }
}
