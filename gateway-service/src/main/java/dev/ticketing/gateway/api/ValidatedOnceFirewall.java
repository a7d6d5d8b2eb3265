package dev.ticketing.gateway.api;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's {@link StrictServerWebExchangeFirewall}, with its rules unchanged, but its checks of header and
 * query parameter names and values run once per request, on every one of them, when the request enters the security
 * chain. The strict firewall checks lazily instead: it wraps the request, and each read of a header by each filter
 * after it (the gateway's filters copy the headers several times per request) runs its regular expressions again,
 * for a twelfth of the gateway's time under the waiting poll (docs/benchmarks.md, "Where the gateway's time goes").
 * The method, URL and host checks and the response headers' CR/LF check stay the strict firewall's own.
 */
final class ValidatedOnceFirewall implements ServerWebExchangeFirewall {

    private final StrictServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();

    ValidatedOnceFirewall() {
        strict.setAllowedHeaderNames(name -> assignedAndNotControl(name, false));
        strict.setAllowedHeaderValues(value -> assignedAndNotControl(value, true));
    }

    /**
     * The strict firewall's rule for header names ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}) and values (the
     * same, and tabs), without its regular expression: on an access token's 700 characters the expression cost more
     * than the rest of the check together. ValidatedOnceFirewallTest holds it to the expression for every code point.
     */
    static boolean assignedAndNotControl(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint >= 0x20 && codePoint < 0x7f || codePoint == '\t' && tabAllowed) {
                continue;
            }
            if (!Character.isDefined(codePoint) || Character.getType(codePoint) == Character.CONTROL) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
        return strict.getFirewalledExchange(exchange).map(checked -> {
            // each read through the strict request checks what it reads, and throws ServerExchangeRejectedException
            HttpHeaders headers = checked.getRequest().getHeaders();
            for (String name : headers.headerNames()) {
                headers.get(name);
            }
            checked.getRequest().getQueryParams();
            return exchange;
        });
    }
}
