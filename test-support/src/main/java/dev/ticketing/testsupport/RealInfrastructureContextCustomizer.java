package dev.ticketing.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
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
            TestDatabase testDatabase = TestDatabase.create(testClass.getSimpleName());
            // Registered before any bean, so destroyed after all of them: the outbox relay stops before its tables go.
            ((DefaultListableBeanFactory) context.getBeanFactory())
                    .registerDisposableBean("realInfrastructureTestDatabase", testDatabase::close);
            properties.put("spring.datasource.url", testDatabase.url());
            properties.put("spring.datasource.username", testDatabase.user());
            properties.put("spring.datasource.password", testDatabase.password());
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

    @Override
    public boolean equals(Object other) {
        return other instanceof RealInfrastructureContextCustomizer that && testClass == that.testClass;
    }

    @Override
    public int hashCode() {
        return Objects.hash(testClass);
    }
}
