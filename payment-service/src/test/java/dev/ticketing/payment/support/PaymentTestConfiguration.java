package dev.ticketing.payment.support;

import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.TestClockConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;

/** What integration tests add to the application: a clock they can move, and both ends of the event topics. */
@TestConfiguration(proxyBeanMethods = false)
@Import(TestClockConfiguration.class)
public class PaymentTestConfiguration {

    @Bean
    PaymentEventsRecorder paymentEventsRecorder() {
        return new PaymentEventsRecorder();
    }

    @Bean
    ReservationEventsPublisher reservationEventsPublisher(KafkaTemplate<String, String> kafka, MutableClock clock) {
        return new ReservationEventsPublisher(kafka, clock);
    }
}
