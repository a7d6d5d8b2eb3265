package dev.ticketing.support.json;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every servlet service reads request bodies (and the answers of the services it calls) with {@link StrictJson}.
 * Boot 4.0 builds its {@code JsonMapper.Builder} on a default parser factory, and Jackson 3 takes the factory (with
 * its {@code StreamReadConstraints}) only when a builder is created, so the builder bean is made here, before Boot's,
 * and every {@link JsonMapperBuilderCustomizer} is still applied to it in order; the strict rules come after them,
 * so no {@code spring.jackson.*} property or customizer can loosen them.
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
@ConditionalOnClass(JsonMapper.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class StrictJsonAutoConfiguration {

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    @ConditionalOnMissingBean
    JsonMapper.Builder strictJsonMapperBuilder(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonMapper.builder(StrictJson.factory());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return StrictJson.strict(builder);
    }
}
