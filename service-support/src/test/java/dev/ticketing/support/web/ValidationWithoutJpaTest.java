package dev.ticketing.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Validation never asks JPA (whose class-path scan deadlocked payment-service under a burst of first requests). */
@SpringBootTest(classes = CallerIdTest.App.class)
class ValidationWithoutJpaTest {

    @Autowired
    ValidatorFactory validation;

    @Test
    void everyPropertyIsReachableWithoutAskingJpa() {
        assertThat(validation.getTraversableResolver()).isInstanceOf(ReachEveryProperty.class);
    }
}
