package dev.ticketing.userpoint.identity;

import dev.ticketing.userpoint.UserPointApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Another instance of the service, with its own web server on a free port, on the database of the test's own
 * context (as two pods share MySQL). Settings are command-line arguments: default properties would lose to
 * application.yml's {@code ${MYSQL_URL:...}} and {@code auth.keys}.
 */
final class ServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static ServiceInstance onTheDatabaseOf(Environment test, Map<String, Object> properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + test.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + test.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password=" + test.getRequiredProperty("spring.datasource.password"),
                "--management.tracing.sampling.probability=0", "--logging.level.root=WARN"));
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new ServiceInstance(
                new SpringApplicationBuilder(UserPointApplication.class).run(args.toArray(String[]::new)));
    }

    Http http() {
        return new Http(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
