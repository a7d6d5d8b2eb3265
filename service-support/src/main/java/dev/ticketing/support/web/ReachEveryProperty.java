package dev.ticketing.support.web;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/**
 * Bean Validation checks every property of a request body. With JPA on the classpath, Hibernate Validator would ask
 * JPA instead whether each property is loaded ({@code Persistence.getPersistenceUtil()}), which scans the class path
 * for persistence providers on the first validations: in payment-service that scan, run by the first burst of pay
 * requests at once on a 2-core pod, left both carrier threads pinned by virtual threads waiting for the nested-jar
 * loader's locks while the thread holding them could not be scheduled, and the service answered nothing any more
 * (the scheduled-opening load test: every pay 503 after the gateway's 10 s). The bodies validated here are records,
 * never lazy entities, so there is nothing for JPA to say.
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
