package dev.ticketing.support.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The controller parameters filled from what the gateway established about a request, in every service: who calls
 * ({@link CallerId}) and which waiting room admitted the request ({@link AdmittedRoom}).
 */
@Configuration(proxyBeanMethods = false)
class RequestContextArguments implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerIdResolver());
        resolvers.add(new AdmittedRoomResolver());
    }
}
