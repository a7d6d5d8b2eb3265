package dev.ticketing.queue.infrastructure;

import dev.ticketing.queue.application.AdmissionProperties;
import dev.ticketing.queue.application.QueueProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({QueueProperties.class, AdmissionProperties.class})
class RedisConfiguration {

    /**
     * Lettuce would otherwise buffer commands while disconnected and run them after reconnecting: a request would
     * hang until its timeout, and a buffered issue could land long after the client gave up. Rejecting them at once
     * gives a clean 503 while Redis is away.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Lettuce's default reconnect delay doubles up to 30 s, so after an outage of a few seconds the next attempt came
     * seconds after Redis was back, and every request was 503 meanwhile. Capped, the service answers within
     * {@code max-delay} of Redis's return; one connection attempt per interval is nothing for Redis.
     */
    @Bean
    ClientResourcesBuilderCustomizer reconnectSoonAfterRedisReturns(
            @Value("${ticketing.redis.reconnect.max-delay}") Duration maxDelay) {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(10), maxDelay, 2, TimeUnit.MILLISECONDS));
    }
}
