package dev.ticketing.gateway.infrastructure;

import dev.ticketing.gateway.GatewayProperties;
import dev.ticketing.gateway.application.AdmissionTokenVerifier;
import dev.ticketing.gateway.application.RevokedAdmissions;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Admission tokens checked here: the verifier, the revocations held in memory and the feed that fills them. */
@Configuration(proxyBeanMethods = false)
public class AdmissionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdmissionConfiguration.class);

    @Bean
    AdmissionTokenVerifier admissionTokenVerifier(GatewayProperties properties, Clock clock) {
        GatewayProperties.Admission admission = properties.admission();
        if (admission.keys().isEmpty()) {
            log.warn("No admission key configured (ADMISSION_SIGNING_KEY_ID, ADMISSION_SIGNING_PUBLIC_KEY):"
                    + " every admission token is refused");
        }
        return new NimbusAdmissionTokenVerifier(admission, clock);
    }

    @Bean
    RevokedAdmissions revokedAdmissions() {
        return new RevokedAdmissions();
    }

    /** Also the health contributor {@code admissionRevocations}, part of the readiness group. */
    @Bean
    AdmissionRevocationFeed admissionRevocations(ReactiveRedisConnectionFactory connections,
            ReactiveStringRedisTemplate redis, RevokedAdmissions revoked, GatewayProperties properties,
            Clock clock) {
        GatewayProperties.Admission admission = properties.admission();
        return new AdmissionRevocationFeed(connections, redis, revoked, admission.revocationsKey(),
                admission.revocationsReload(), clock);
    }
}
