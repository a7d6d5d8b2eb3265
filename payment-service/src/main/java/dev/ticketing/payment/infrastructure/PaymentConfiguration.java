package dev.ticketing.payment.infrastructure;

import dev.ticketing.payment.application.PaymentProperties;
import dev.ticketing.payment.application.RefundRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(PaymentProperties.class)
class PaymentConfiguration {

    /** What ops alert on: points owed back to users and not yet confirmed by user-point-service. */
    @Bean
    MeterBinder pendingRefundsGauge(RefundRepository refunds) {
        return registry -> Gauge.builder("payment.refunds.pending", refunds, RefundRepository::countPending)
                .description("Refunds recorded but not yet confirmed by user-point-service")
                .register(registry);
    }
}
