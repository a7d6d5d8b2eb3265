package dev.ticketing.gateway.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The system's one error format (RFC 9457), the same JSON as service-support's {@code Problems.of}: {@code type} is
 * {@code https://ticketing.dev/problems/<code-in-kebab-case>}, {@code title} the code in words, {@code code} the
 * constant a frontend switches on. The gateway is reactive and cannot use that servlet-side module, so the shape is
 * repeated here and pinned by a test.
 */
public record Problem(HttpStatus status, String code, String detail, Map<String, Object> properties,
        Map<String, String> headers) {

    public static final String TYPE_PREFIX = "https://ticketing.dev/problems/";

    public static Problem of(HttpStatus status, String code, String detail) {
        return new Problem(status, code, detail, Map.of(), Map.of());
    }

    public Problem withProperty(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(properties);
        more.put(name, value);
        return new Problem(status, code, detail, more, headers);
    }

    public Problem withRetryAfterSeconds(long seconds) {
        return withHeader("Retry-After", Long.toString(seconds));
    }

    public Problem withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Problem(status, code, detail, properties, more);
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", titleOf(code));
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("code", code);
        body.putAll(properties);
        return body;
    }

    private static String titleOf(String code) {
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
