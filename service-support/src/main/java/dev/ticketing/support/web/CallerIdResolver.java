package dev.ticketing.support.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Fills a {@link CallerId} parameter from {@code X-User-Id}, read as strictly as any number of the API (ASCII digits,
 * {@link StrictNumberBinding}) and positive; the failures are the ones {@link MalformedRequestHandler} answers.
 */
class CallerIdResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(CallerId.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binderFactory) throws MissingRequestHeaderException {
        if (parameter.getParameterType() != long.class) {
            throw new IllegalStateException("@CallerId belongs on a long parameter: " + parameter);
        }
        String value = request.getHeader(IdentityHeaders.USER_ID);
        if (value == null || value.isEmpty()) {
            throw new MissingRequestHeaderException(IdentityHeaders.USER_ID, parameter);
        }
        long userId;
        try {
            userId = StrictNumberBinding.parse(value);
        } catch (IllegalArgumentException malformed) {
            throw new MalformedCallerIdException();
        }
        if (userId < 1) {
            throw new MalformedCallerIdException();
        }
        return userId;
    }

    /** {@code X-User-Id} is there but not a positive whole number: 400 {@code INVALID_REQUEST}. */
    static final class MalformedCallerIdException extends RuntimeException {

        MalformedCallerIdException() {
            super(IdentityHeaders.USER_ID + " must be a positive whole number");
        }
    }
}
