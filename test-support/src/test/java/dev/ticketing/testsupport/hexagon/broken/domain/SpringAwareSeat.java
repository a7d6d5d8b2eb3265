package dev.ticketing.testsupport.hexagon.broken.domain;

/** A domain type that leans on Spring: what HexagonRules must refuse. */
public record SpringAwareSeat(org.springframework.util.MultiValueMap<String, String> attributes) {
}
