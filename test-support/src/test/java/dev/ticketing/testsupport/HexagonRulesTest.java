package dev.ticketing.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The rules catch each breach they name, and pass a service laid out as docs/conventions.md says. */
class HexagonRulesTest {

    private static final String BROKEN = "dev.ticketing.testsupport.hexagon.broken";
    private static final String SOUND = "dev.ticketing.testsupport.hexagon.sound";

    @Test
    void refusesADomainOnSpringAndLayersThatReachAdapters() {
        assertThatThrownBy(() -> HexagonRules.check(new ClassFileImporter().importPackages(BROKEN), BROKEN))
                .isInstanceOf(AssertionError.class)
                .satisfies(error -> assertThat(error.getMessage())
                        .contains("SpringAwareSeat", "org.springframework.util.MultiValueMap")
                        .contains("broken.api.SeatController", "broken.infrastructure.SeatTable")
                        .contains("broken.application.HoldSeat"));
    }

    @Test
    void passesAServiceLaidOutAsTheConventionsSay() {
        assertThatCode(() -> HexagonRules.check(new ClassFileImporter().importPackages(SOUND), SOUND))
                .doesNotThrowAnyException();
    }
}
