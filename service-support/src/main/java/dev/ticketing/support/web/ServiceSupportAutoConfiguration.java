package dev.ticketing.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Before Boot's error handling, so that its {@code BasicErrorController} backs off for {@link ProblemErrorController}. */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({MalformedRequestHandler.class, ProblemErrorController.class, StrictNumberBinding.class,
        WrongRoomHandler.class, RequestContextArguments.class})
public class ServiceSupportAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    @Import(TomcatProblemConfiguration.class)
    static class OnTomcat {
    }
}
