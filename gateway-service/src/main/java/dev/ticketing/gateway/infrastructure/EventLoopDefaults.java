package dev.ticketing.gateway.infrastructure;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * One Netty event loop per CPU the gateway may use, as nginx's {@code worker_processes auto} has it, instead of
 * Reactor Netty's own default of at least 4. On a 2-core box (or a pod limited to one core, k8s/base) the extra
 * loops only take turns on the same cores, each turn a context switch (measured in docs/benchmarks.md, "The seat
 * stampede"). {@code GATEWAY_IO_WORKER_COUNT} ({@code gateway.io-worker-count}) sets another count; an explicit
 * {@code -Dreactor.netty.ioWorkerCount} is kept.
 *
 * <p>An {@link EnvironmentPostProcessor} because Reactor Netty reads the system property once, when its loop resources
 * are first loaded: that happens when the web server is created, after this has run.
 */
public class EventLoopDefaults implements EnvironmentPostProcessor {

    static final String REACTOR_PROPERTY = "reactor.netty.ioWorkerCount";
    static final String COUNT_PROPERTY = "gateway.io-worker-count";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(REACTOR_PROPERTY) != null) {
            return;
        }
        Integer count = environment.getProperty(COUNT_PROPERTY, Integer.class);
        if (count != null && count < 1) {
            throw new IllegalStateException(
                    COUNT_PROPERTY + " (GATEWAY_IO_WORKER_COUNT) must be at least 1, not " + count);
        }
        System.setProperty(REACTOR_PROPERTY,
                Integer.toString(count != null ? count : Runtime.getRuntime().availableProcessors()));
    }
}
