package dev.ticketing.gateway.api;

/**
 * Spring Security's strict firewall's rule for header names ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}) and values
 * (the same, and tabs), without its regular expressions. The firewall checks a header each time a filter reads it,
 * and the access token's 700 characters are read several times per request: the expressions were about 2 % of the
 * gateway's samples under the waiting poll (docs/benchmarks.md, "Third profile"). HeaderCharactersTest holds this rule
 * to Spring's expressions for every code point.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    static boolean allowedInName(String name) {
        return assignedAndNotControl(name, false);
    }

    static boolean allowedInValue(String value) {
        return assignedAndNotControl(value, true);
    }

    /** An absent header ({@code getFirst} of a name the request does not have) passes, as with Spring's rule. */
    private static boolean assignedAndNotControl(String text, boolean tabAllowed) {
        if (text == null) {
            return true;
        }
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
}
