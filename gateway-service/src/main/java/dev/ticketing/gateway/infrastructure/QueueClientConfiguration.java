package dev.ticketing.gateway.infrastructure;

import dev.ticketing.gateway.GatewayProperties;
import dev.ticketing.gateway.application.ActiveTokenCache;
import dev.ticketing.gateway.application.AdmissionTokenVerifier;
import dev.ticketing.gateway.application.RevokedAdmissions;
import dev.ticketing.gateway.application.TokenGate;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/** The validation path to queue-service: connection pool, client, breaker and the gate built on them. */
@Configuration(proxyBeanMethods = false)
public class QueueClientConfiguration {

    private static final Logger log = LoggerFactory.getLogger(QueueClientConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Its own pool, apart from the routing client's: a flood of routed traffic cannot starve validation of
     * connections. Idle connections are dropped before a servlet container's keep-alive timeout would close them
     * under a request.
     */
    @Bean(destroyMethod = "dispose")
    ConnectionProvider queueConnections(GatewayProperties properties, QueuePeerProperties queue) {
        return ConnectionProvider.builder(QueueTokenClient.PEER)
                .maxConnections(properties.queueToken().maxConnections())
                .pendingAcquireTimeout(queue.readTimeout())
                .maxIdleTime(Duration.ofSeconds(15))
                .evictInBackground(Duration.ofSeconds(30))
                .metrics(true)
                .build();
    }

    @Bean
    WebClient queueWebClient(QueuePeerProperties queue, ConnectionProvider queueConnections, JsonMapper jsonMapper,
            ObjectProvider<ObservationRegistry> observations) {
        HttpClient http = HttpClient.create(queueConnections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) queue.connectTimeout().toMillis())
                .responseTimeout(queue.readTimeout());
        return WebClient.builder()
                .baseUrl(queue.baseUrl().toString())
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> {
                    codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(jsonMapper));
                    codecs.defaultCodecs().maxInMemorySize(16 * 1024);
                })
                // the validation call joins the request's trace, so queue-service's span hangs under the gateway's
                .observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
                .build();
    }

    /**
     * The breaker and time limiter are the resilience4j instances {@code queue} of application.yml, made when the
     * registries are; Spring Cloud's factory reuses a registered instance of the same name, so those settings are the
     * ones in force. Without them the gateway does not start (as PeerClients does in the servlet services).
     */
    @Bean
    QueueTokenClient queueTokenClient(WebClient queueWebClient, ReactiveResilience4JCircuitBreakerFactory breakers,
            CircuitBreakerRegistry circuitBreakers, TimeLimiterRegistry timeLimiters) {
        String peer = QueueTokenClient.PEER;
        CircuitBreaker circuitBreaker = circuitBreakers.find(peer).orElseThrow(() -> new IllegalStateException(
                "no resilience4j.circuitbreaker.instances." + peer + " in application.yml"));
        timeLimiters.find(peer).orElseThrow(() -> new IllegalStateException(
                "no resilience4j.timelimiter.instances." + peer + " in application.yml"));
        // one line per state change instead of one per refused request
        circuitBreaker.getEventPublisher().onStateTransition(event ->
                log.warn("Queue token validation circuit {}", event.getStateTransition()));
        return new QueueTokenClient(queueWebClient, breakers.create(peer));
    }

    @Bean
    TokenGate tokenGate(QueueTokenClient queueTokenClient, GatewayProperties properties,
            AdmissionTokenVerifier admissions, RevokedAdmissions revoked, Clock clock) {
        GatewayProperties.QueueToken settings = properties.queueToken();
        ActiveTokenCache cache = settings.cacheTtl().isZero() ? ActiveTokenCache.disabled()
                : new ActiveTokenCache(settings.cacheTtl(), settings.cacheMaxEntries());
        return new TokenGate(queueTokenClient, cache, admissions, revoked, clock);
    }
}
