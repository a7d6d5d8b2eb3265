package dev.ticketing.payment.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

/** What integration tests add to the application: a clock they can move, and both ends of the event topics. */
@TestConfiguration(proxyBeanMethods = false)
public class PaymentTestConfiguration {

    @Bean
    MutableClock clock() {
        return new MutableClock();
    }

    @Bean
    PaymentEventsRecorder paymentEventsRecorder() {
        return new PaymentEventsRecorder();
    }

    @Bean
    ReservationEventsPublisher reservationEventsPublisher(KafkaTemplate<String, String> kafka, MutableClock clock) {
        return new ReservationEventsPublisher(kafka, clock);
    }
}
