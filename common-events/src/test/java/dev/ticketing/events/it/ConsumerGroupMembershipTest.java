package dev.ticketing.events.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.events.Topics;
import dev.ticketing.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * What every service's consumers get from common-events so that they rejoin their group in seconds after a restart,
 * read back from a real broker: a static member named after the instance (KAFKA_GROUP_INSTANCE_ID) and the listener,
 * the cooperative-sticky assignor, a 10 s session; and a graceful close leaves the group at once, static or not.
 */
@SpringBootTest(properties = {
        "spring.application.name=membership-test",
        "ticketing.events.consumer-instance-id=host/7 x"})
@RealInfrastructure(kafka = true)
class ConsumerGroupMembershipTest {

    @Autowired ConsumerFactory<?, ?> consumers;
    @Autowired KafkaListenerEndpointRegistry listeners;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    @Test
    void consumersJoinAsStaticMembersNamedAfterTheInstanceWithCooperativeRebalancing() throws Exception {
        assertThat(consumers.getConfigurationProperties())
                .containsEntry("session.timeout.ms", "10000")
                .containsEntry("heartbeat.interval.ms", "3000")
                .containsEntry("partition.assignment.strategy",
                        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        String listenerId = listeners.getListenerContainerIds().iterator().next();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    describe(admin).members().stream().anyMatch(member -> !member.assignment().topicPartitions()
                            .isEmpty()));
            ConsumerGroupDescription group = describe(admin);

            assertThat(group.partitionAssignor()).isEqualTo("cooperative-sticky");
            assertThat(group.members()).singleElement().satisfies((MemberDescription member) ->
                    // characters Kafka refuses in an instance id become '_'; Spring adds the consumer thread's -<n>
                    assertThat(member.groupInstanceId()).hasValue(
                            ("host/7 x-" + listenerId).replaceAll("[^A-Za-z0-9._-]", "_") + "-0"));
        }
    }

    @Test
    void aStaticMemberThatClosesLeavesItsGroupAtOnceInsteadOfHoldingItsPartitionsForTheSession() throws Exception {
        String group = "membership-test-leaving";
        Properties staticMember = new Properties();
        staticMember.setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "leaving-instance");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Consumer<?, ?> consumer = consumers.createConsumer(group, null, null, staticMember);
            consumer.subscribe(List.of(Topics.RESERVATION_EVENTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return !consumer.assignment().isEmpty();
            });
            assertThat(describe(admin, group).members()).singleElement().satisfies((MemberDescription member) ->
                    assertThat(member.groupInstanceId()).hasValue("leaving-instance"));

            long closed = System.nanoTime();
            consumer.close();

            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> describe(admin, group).members().isEmpty());
            assertThat(Duration.ofNanos(System.nanoTime() - closed)).as("well before the 10 s session")
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    private static ConsumerGroupDescription describe(Admin admin) throws Exception {
        return describe(admin, "membership-test");
    }

    private static ConsumerGroupDescription describe(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get().get(group);
    }
}
