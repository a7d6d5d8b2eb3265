package dev.ticketing.support.web;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tomcat settings every servlet service shares, as lowest-precedence defaults (a service's application.yml or the
 * environment, e.g. {@code SERVER_TOMCAT_ACCEPT_COUNT}, can still override them).
 *
 * <ul>
 *   <li>A listen queue of {@value #ACCEPT_COUNT} connections instead of Tomcat's 100: the gateway opens a connection
 *       per concurrent request, so a burst (1,000 holds on one seat at once) is that many connects within
 *       milliseconds; past the queue the kernel drops the SYN, the client's retry comes a second later, and the
 *       gateway's 1 s connect timeout turns it into a 503 (the seat stampede saw 165 of them). The kernel caps it at
 *       {@code net.core.somaxconn} (4096 on current Linux).</li>
 * </ul>
 */
public class WebServerDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "ticketingWebServerDefaults";
    static final int ACCEPT_COUNT = 1024;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, Map.of(
                "server.tomcat.accept-count", Integer.toString(ACCEPT_COUNT))));
    }
}
