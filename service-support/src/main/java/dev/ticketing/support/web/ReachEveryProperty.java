package dev.ticketing.support.web;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/**
 * Bean Validation checks every property of a request body. With JPA on the classpath, Hibernate Validator would ask
 * JPA first whether each property is loaded ({@code Persistence.getPersistenceUtil()}), on every validation, after a
 * scan of the class path for persistence providers on the first ones: work per request for nothing (in payment-service, when it still ran on virtual threads, the first burst of pay requests deadlocked in
 * that scan, see docs/conventions.md "Request threads"). The bodies validated here are records, never lazy entities,
 * so there is nothing for JPA to say.
 */
final class ReachEveryProperty implements TraversableResolver {

    @Override
    public boolean isReachable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
            Path pathToTraversableObject, ElementType elementType) {
        return true;
    }

    @Override
    public boolean isCascadable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
            Path pathToTraversableObject, ElementType elementType) {
        return true;
    }
}
