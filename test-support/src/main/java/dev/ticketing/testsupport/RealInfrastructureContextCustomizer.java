package dev.ticketing.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives each test class its own database, Redis key prefix and (optionally) Kafka broker, and removes them when the
 * class's context closes. Equality includes the test class, so two classes never share a context or a database.
 */
class RealInfrastructureContextCustomizer implements ContextCustomizer {

    private final Class<?> testClass;
    private final RealInfrastructure settings;

    RealInfrastructureContextCustomizer(Class<?> testClass, RealInfrastructure settings) {
        this.testClass = testClass;
        this.settings = settings;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Map<String, Object> properties = new HashMap<>();
        properties.put("ticketing.redis.key-prefix", "it:" + testClass.getSimpleName() + ":" + unique + ":");

        InfrastructureLocator.Redis redis = InfrastructureLocator.redis();
        properties.put("spring.data.redis.host", redis.host());
        properties.put("spring.data.redis.port", redis.port());

        if (settings.database()) {
            InfrastructureLocator.Database database = InfrastructureLocator.database();
            String name = databaseName(unique);
            execute(database, "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> {
                if (event.getApplicationContext() == context) {
                    execute(database, "DROP DATABASE IF EXISTS `" + name + "`");
                }
            });
            properties.put("spring.datasource.url", database.jdbcUrl(name));
            properties.put("spring.datasource.username", database.adminUser());
            properties.put("spring.datasource.password", database.adminPassword());
            if (database.mariaDb()) {
                properties.putAll(MariaDbHints.PROPERTIES);
            }
        }

        if (settings.kafka()) {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
            broker.brokerProperties(Map.of("auto.create.topics.enable", "true", "num.partitions", "3"));
            broker.afterPropertiesSet();
            context.getBeanFactory().registerSingleton("embeddedKafkaBroker", broker);
            properties.put("spring.kafka.bootstrap-servers", broker.getBrokersAsString());
        }

        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("realInfrastructure", properties));
    }

    private String databaseName(String unique) {
        String base = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return "it_" + base.substring(0, Math.min(base.length(), 40)) + "_" + unique;
    }

    private static void execute(InfrastructureLocator.Database database, String sql) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(""), database.adminUser(),
                database.adminPassword()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database statement failed: " + sql, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RealInfrastructureContextCustomizer that && testClass == that.testClass;
    }

    @Override
    public int hashCode() {
        return Objects.hash(testClass);
    }
}
