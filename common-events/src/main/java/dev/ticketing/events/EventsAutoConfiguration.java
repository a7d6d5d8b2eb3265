package dev.ticketing.events;

import dev.ticketing.events.inbox.EventInbox;
import dev.ticketing.events.outbox.EventOutbox;
import dev.ticketing.events.outbox.JdbcEventOutbox;
import dev.ticketing.events.outbox.OutboxProperties;
import dev.ticketing.events.outbox.OutboxRelay;
import dev.ticketing.events.outbox.TraceContextCapture;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.api.Location;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every service gets from common-events, configured the same way everywhere: the topics, the consumer error
 * handling (bounded retries, then the dead-letter topic), and, where the service has a database, the outbox, its
 * relay and the inbox.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"})
@EnableConfigurationProperties({OutboxProperties.class, EventsProperties.class})
public class EventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    KafkaAdmin.NewTopics ticketingTopics(EventsProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.ALL.stream()
                .map(name -> TopicBuilder.name(name)
                        .partitions(properties.partitions())
                        .replicas(properties.replicationFactor())
                        .build())
                .toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }

    /**
     * Transient failures are retried a few times with back-off; then the record is parked on the dead-letter topic so
     * it never blocks its partition. An unreadable payload skips the retries.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler eventsErrorHandler(KafkaTemplate<String, String> template, EventsProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.consumerRetries());
        backOff.setInitialInterval(properties.consumerRetryInitialInterval().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(properties.consumerRetryInitialInterval().toMillis() * 8);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(EventParseException.class);
        return handler;
    }

    /**
     * Static membership when the instance has a name: a consumer that restarts under the same
     * {@code group.instance.id} gets its partitions back at once, without waiting for the old member's session to
     * expire or for a rebalance. The listener id is appended so two listeners of one service never share an id.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> staticGroupMembership(
            EventsProperties properties) {
        return container -> {
            if (!properties.consumerInstanceId().isBlank()) {
                container.getContainerProperties().getKafkaConsumerProperties().setProperty(
                        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                        groupInstanceId(properties.consumerInstanceId(), container.getListenerId()));
            }
        };
    }

    /** A graceful shutdown leaves the group at once, static member or not ({@link LeaveGroupOnClose}). */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer leaveGroupOnClose() {
        return EventsAutoConfiguration::leaveGroupOnClose;
    }

    private static <K, V> void leaveGroupOnClose(DefaultKafkaConsumerFactory<K, V> consumers) {
        consumers.addPostProcessor(LeaveGroupOnClose::wrap);
    }

    /** Kafka accepts only ASCII letters, digits, '.', '_' and '-' (at most 249) in a group instance id. */
    static String groupInstanceId(String instance, String listenerId) {
        String id = (instance + "-" + listenerId).replaceAll("[^A-Za-z0-9._-]", "_");
        return id.length() <= 249 ? id : id.substring(id.length() - 249);
    }

    @Bean
    @ConditionalOnMissingBean
    TraceContextCapture traceContextCapture(ObjectProvider<io.micrometer.tracing.Tracer> tracer,
            ObjectProvider<io.micrometer.tracing.propagation.Propagator> propagator) {
        io.micrometer.tracing.Tracer currentTracer = tracer.getIfAvailable();
        io.micrometer.tracing.propagation.Propagator currentPropagator = propagator.getIfAvailable();
        return currentTracer == null || currentPropagator == null
                ? TraceContextCapture.none()
                : new TraceContextCapture(currentTracer, currentPropagator);
    }

    /** The outbox and inbox, for services that own a database. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcTemplate.class)
    @ConditionalOnBean(DataSource.class)
    static class OutboxConfiguration {

        @Bean
        @ConditionalOnMissingBean
        OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                KafkaTemplate<String, String> kafka, TraceContextCapture traceContext, OutboxProperties properties,
                Clock clock, Environment environment) {
            // ce_source of every record this service publishes: /ticketing/<spring.application.name>
            String source = EventHeaders.sourceOf(environment.getProperty("spring.application.name", "application"));
            return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), kafka, traceContext, properties,
                    clock, source);
        }

        @Bean
        @ConditionalOnMissingBean
        EventOutbox eventOutbox(JdbcTemplate jdbc, OutboxRelay relay, TraceContextCapture traceContext, Clock clock) {
            return new JdbcEventOutbox(jdbc, relay, traceContext, clock);
        }

        @Bean
        @ConditionalOnMissingBean
        EventInbox eventInbox(JdbcTemplate jdbc, Clock clock) {
            return new EventInbox(jdbc, clock);
        }

        /** What ops watch: events committed but not yet on Kafka. It grows while the broker is unreachable. */
        @Bean
        MeterBinder outboxBacklogGauge(OutboxRelay relay) {
            return registry -> Gauge.builder("ticketing.outbox.backlog", relay, OutboxRelay::backlog)
                    .description("Outbox events committed but not yet acknowledged by Kafka")
                    .register(registry);
        }

        /** The other half of the outbox alert: a small backlog that does not move is as bad as a big one. */
        @Bean
        MeterBinder outboxOldestAgeGauge(OutboxRelay relay) {
            return registry -> Gauge.builder("ticketing.outbox.oldest.age", relay,
                            r -> r.oldestPendingAge().toMillis() / 1000.0)
                    .baseUnit("seconds")
                    .description("Age of the oldest outbox event not yet acknowledged by Kafka (0 when none)")
                    .register(registry);
        }
    }

    /** The outbox and inbox tables come with common-events, so every service migrates them the same way. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({FlywayConfigurationCustomizer.class, JdbcTemplate.class})
    @ConditionalOnBean(DataSource.class)
    static class OutboxSchemaConfiguration {

        static final String EVENTS_MIGRATIONS = "classpath:db/events";

        @Bean
        FlywayConfigurationCustomizer eventsMigrations() {
            return configuration -> configuration.locations(Stream.concat(
                            Arrays.stream(configuration.getLocations()).map(Location::getDescriptor),
                            Stream.of(EVENTS_MIGRATIONS))
                    .distinct()
                    .toArray(String[]::new));
        }
    }
}
