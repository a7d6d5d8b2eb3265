package dev.ticketing.support.peer;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/** {@link PeerClients} for a servlet service that brings the RestClient starter and resilience4j-spring-boot4. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
        "io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
        "io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration"})
@ConditionalOnClass({RestClient.class, CircuitBreakerRegistry.class, RetryRegistry.class})
@ConditionalOnBean({RestClient.Builder.class, CircuitBreakerRegistry.class, RetryRegistry.class})
public class PeerClientsAutoConfiguration {

    @Bean
    PeerClients peerClients(Environment environment, ObjectProvider<RestClient.Builder> builders,
            CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        Map<String, PeerProperties> peers = Binder.get(environment)
                .bind("peers", Bindable.mapOf(String.class, PeerProperties.class))
                .orElseGet(Map::of);
        return new PeerClients(peers, builders::getObject, circuitBreakers, retries);
    }
}
