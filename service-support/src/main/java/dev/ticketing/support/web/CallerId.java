package dev.ticketing.support.web;

import io.swagger.v3.oas.annotations.Parameter;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The calling user's id, on a {@code long} controller parameter: the one way a controller reads who calls. It comes
 * from {@code X-User-Id}, which the gateway sets from the verified access token (a client-sent value never gets
 * through), so it is hidden from the OpenAPI documents: clients never send it. Required and a positive whole number:
 * missing is 401 {@code UNAUTHENTICATED}, anything else 400 {@code INVALID_REQUEST} ({@link CallerIdResolver}).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Parameter(hidden = true)
public @interface CallerId {
}
