package dev.ticketing.support.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one error format of the system (RFC 9457): {@code type} is a stable URI per error, {@code code} the same error
 * as a constant a frontend can switch on (e.g. {@code SEAT_NOT_AVAILABLE}), {@code detail} a sentence for people.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "https://ticketing.dev/problems/";
    /**
     * A detail is a sentence for people; one that quotes what a client sent is cut here, so no request can make an
     * error body large.
     */
    public static final int MAX_DETAIL_LENGTH = 300;

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, bounded(detail));
        problem.setType(URI.create(TYPE_PREFIX + code.toLowerCase().replace('_', '-')));
        problem.setTitle(titleOf(code));
        problem.setProperty("code", code);
        return problem;
    }

    static String bounded(String detail) {
        if (detail == null || detail.length() <= MAX_DETAIL_LENGTH) {
            return detail;
        }
        return detail.substring(0, MAX_DETAIL_LENGTH - 1) + "\u2026";
    }

    private static String titleOf(String code) {
        String words = code.toLowerCase().replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
