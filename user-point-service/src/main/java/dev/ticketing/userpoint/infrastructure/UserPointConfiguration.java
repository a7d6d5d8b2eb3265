package dev.ticketing.userpoint.infrastructure;

import dev.ticketing.userpoint.application.AuthProperties;
import dev.ticketing.userpoint.application.PointsProperties;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PointsProperties.class, AuthProperties.class})
@EnableScheduling
class UserPointConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Spring Security's delegating encoder: hashes are stored as {@code {bcrypt}$2a$<cost>$...}, so a later default
     * (Argon2, a higher cost) verifies the old hashes while making new ones. At bcrypt's default cost (10) it is
     * exactly {@link PasswordEncoderFactories#createDelegatingPasswordEncoder()}; another cost gets the same encoder
     * with that bcrypt strength, and the factory's encoders still verify hashes of any other id. The hashing runs
     * off the request threads, on one thread per core ({@link HashingPoolPasswordEncoder}).
     */
    @Bean
    PasswordEncoder passwordEncoder(AuthProperties properties) {
        return new HashingPoolPasswordEncoder(delegatingEncoder(properties.bcryptStrength()),
                Runtime.getRuntime().availableProcessors(), properties.passwordHashMaxWait());
    }

    private static PasswordEncoder delegatingEncoder(int bcryptStrength) {
        if (bcryptStrength == 10) {
            return PasswordEncoderFactories.createDelegatingPasswordEncoder();
        }
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("bcrypt",
                Map.of("bcrypt", new BCryptPasswordEncoder(bcryptStrength)));
        encoder.setDefaultPasswordEncoderForMatches(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        return encoder;
    }
}
