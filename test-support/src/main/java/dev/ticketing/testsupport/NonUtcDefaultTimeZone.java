package dev.ticketing.testsupport;

import java.util.TimeZone;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with a JVM default time zone that is not UTC ({@link #ZONE}, UTC+9 all year), and puts the
 * previous one back afterwards. Set before all, so the class's Spring context and its database connections (the
 * driver reads the JVM's zone when it connects) start in it: a time that is written with the JVM's local zone instead
 * of UTC lands nine hours off in the column, where the test sees it.
 */
public class NonUtcDefaultTimeZone implements BeforeAllCallback, AfterAllCallback {

    public static final TimeZone ZONE = TimeZone.getTimeZone("Asia/Seoul");

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(NonUtcDefaultTimeZone.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("previous", TimeZone.getDefault());
        TimeZone.setDefault(ZONE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TimeZone.setDefault(context.getStore(NAMESPACE).get("previous", TimeZone.class));
    }
}
