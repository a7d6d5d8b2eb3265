package dev.ticketing.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A system-test class that audits what all the others did, so {@link ShuffledClassOrder} runs it after them. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface RunsLast {
}
