package dev.ticketing.queue.infrastructure;

import dev.ticketing.queue.application.QueueProperties;
import io.lettuce.core.ClientOptions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({QueueProperties.class, UserPointProperties.class})
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
}
