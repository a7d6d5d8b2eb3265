package dev.ticketing.gateway.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The gateway as an OAuth2 resource server (docs/conventions.md, Identity). Every {@code /api/**} request needs a
 * valid {@code Authorization: Bearer} access token, except sign-up and login; the rest (the issuer's key and discovery
 * documents, the booking page, Swagger UI and the services' OpenAPI documents, actuator, and paths that are never
 * routed and end in 404) is public and never looks at an {@code Authorization} header, so a stale token cannot make
 * a login fail. Stateless: no session, no CSRF (a bearer token is not sent by a browser on its own), no form or basic
 * login, no generated password.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    /** Sign-up, login and the issuer's documents, routed to user-point-service without a token. */
    static final ServerWebExchangeMatcher PUBLIC_API = new OrServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/api/users", "/api/auth/login"),
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/.well-known/jwks.json",
                    "/.well-known/openid-configuration"));

    /** Routed to queue-service's operator API; everyone without the role gets 403 ACCESS_DENIED. */
    static final String OPERATOR_API = "/api/ops/**";
    static final String OPERATOR_ROLE = "OPERATOR";

    /** Spring Security's strict firewall, its header rule without regular expressions (HeaderCharacters). */
    @Bean
    ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedInName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedInValue);
        return firewall;
    }

    /** What the firewall refuses is a 400 problem like every other, not Spring Security's empty 400. */
    @Bean
    ServerExchangeRejectedHandler firewallRejections(ProblemResponses problems) {
        return (exchange, rejected) -> problems.write(exchange, Problem.of(HttpStatus.BAD_REQUEST,
                ErrorCodes.INVALID_REQUEST, "The request has a method, URL, host or header the gateway does not accept"));
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain publicRoutes(ServerHttpSecurity http) {
        ServerWebExchangeMatcher notApi = new NegatedServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers("/api/**"));
        return stateless(http)
                .securityMatcher(new OrServerWebExchangeMatcher(PUBLIC_API, notApi))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain userRoutes(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            AuthenticationProblems problems) {
        return stateless(http)
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
                // the operator's controls of the waiting rooms: the access token's roles claim must hold OPERATOR
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(OPERATOR_API).hasRole(OPERATOR_ROLE)
                        .anyExchange().authenticated())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationEntryPoint(problems)
                        .authenticationFailureHandler(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(rolesAsAuthorities())))
                .build();
    }

    /** The issuer's {@code roles} claim ({@code ["USER", "OPERATOR"]}) as authorities {@code ROLE_USER}, ... */
    static ReactiveJwtAuthenticationConverterAdapter rolesAsAuthorities() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    private static ServerHttpSecurity stateless(ServerHttpSecurity http) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
    }
}
