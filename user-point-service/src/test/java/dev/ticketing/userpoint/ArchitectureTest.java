package dev.ticketing.userpoint;

import dev.ticketing.testsupport.HexagonRules;
import org.junit.jupiter.api.Test;

/** The service's layers keep to docs/conventions.md (Layout): fails when domain imports a framework or api reaches infrastructure. */
class ArchitectureTest {

    @Test
    void layersKeepToTheHexagon() {
        HexagonRules.check("dev.ticketing.userpoint");
    }
}
