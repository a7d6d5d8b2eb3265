package dev.ticketing.support.persistence;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/**
 * Hibernate's failures translated exactly as {@code JdbcClient}'s, by the database's error codes. Left to itself,
 * Spring's Hibernate dialect makes every constraint violation a plain {@code DataIntegrityViolationException}, so a
 * duplicate key (an idempotency key already used, a second payment of one reservation) would no longer read as
 * {@code DuplicateKeyException}, "already done". The translator serves repository calls and commits alike (the
 * transaction manager uses the same dialect).
 */
@AutoConfiguration
@ConditionalOnClass({HibernateJpaVendorAdapter.class, SQLErrorCodeSQLExceptionTranslator.class})
public class JpaExceptionTranslationAutoConfiguration {

    @Bean
    static BeanPostProcessor hibernateTranslatesLikeJdbc(ObjectProvider<DataSource> dataSource) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HibernateJpaVendorAdapter adapter) {
                    adapter.getJpaDialect().setJdbcExceptionTranslator(
                            new SQLErrorCodeSQLExceptionTranslator(dataSource.getObject()));
                }
                return bean;
            }
        };
    }
}
