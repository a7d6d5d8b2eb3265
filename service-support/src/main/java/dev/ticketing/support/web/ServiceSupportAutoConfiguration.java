package dev.ticketing.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Before Boot's error handling, so that its {@code BasicErrorController} backs off for {@link ProblemErrorController}. */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({MalformedRequestHandler.class, ProblemErrorController.class, StrictNumberBinding.class,
        WrongRoomHandler.class, RequestContextArguments.class})
public class ServiceSupportAutoConfiguration {

    /** Validation never asks JPA whether a property is loaded ({@link ReachEveryProperty} says why). */
    @Bean
    ValidationConfigurationCustomizer validationReachesEveryProperty() {
        return configuration -> configuration.traversableResolver(new ReachEveryProperty());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    @Import(TomcatProblemConfiguration.class)
    static class OnTomcat {
    }
}
