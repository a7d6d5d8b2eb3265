package dev.ticketing.gateway.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** How many Netty event loops the gateway asks Reactor Netty for (EventLoopDefaults). */
class EventLoopDefaultsTest {

    private String before;

    @BeforeEach
    void clearTheProperty() {
        before = System.clearProperty(EventLoopDefaults.REACTOR_PROPERTY);
    }

    @AfterEach
    void restoreTheProperty() {
        if (before == null) {
            System.clearProperty(EventLoopDefaults.REACTOR_PROPERTY);
        } else {
            System.setProperty(EventLoopDefaults.REACTOR_PROPERTY, before);
        }
    }

    @Test
    void oneLoopPerAvailableCpuByDefault() {
        apply(new MockEnvironment());

        assertThat(System.getProperty(EventLoopDefaults.REACTOR_PROPERTY))
                .isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void theGatewaysOwnSettingChoosesAnotherCount() {
        apply(new MockEnvironment().withProperty(EventLoopDefaults.COUNT_PROPERTY, "3"));

        assertThat(System.getProperty(EventLoopDefaults.REACTOR_PROPERTY)).isEqualTo("3");
    }

    @Test
    void anExplicitReactorNettySettingIsKept() {
        System.setProperty(EventLoopDefaults.REACTOR_PROPERTY, "7");

        apply(new MockEnvironment().withProperty(EventLoopDefaults.COUNT_PROPERTY, "3"));

        assertThat(System.getProperty(EventLoopDefaults.REACTOR_PROPERTY)).isEqualTo("7");
    }

    @Test
    void noLoopsAtAllIsRefused() {
        MockEnvironment environment = new MockEnvironment().withProperty(EventLoopDefaults.COUNT_PROPERTY, "0");

        assertThatIllegalStateException().isThrownBy(() -> apply(environment))
                .withMessageContaining("GATEWAY_IO_WORKER_COUNT");
        assertThat(System.getProperty(EventLoopDefaults.REACTOR_PROPERTY)).isNull();
    }

    private static void apply(MockEnvironment environment) {
        new EventLoopDefaults().postProcessEnvironment(environment, new SpringApplication());
    }
}
