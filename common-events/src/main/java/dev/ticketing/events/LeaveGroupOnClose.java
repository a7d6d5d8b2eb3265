package dev.ticketing.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Wraps a consumer so that closing it leaves its group at once, also as a static member: Kafka otherwise keeps a
 * closed static member (and its partitions) until its session expires, so a graceful shutdown would leave partitions
 * unconsumed for the session's length. A crashed process never closes; its restart takes the static id back.
 */
final class LeaveGroupOnClose {

    private static final CloseOptions.GroupMembershipOperation LEAVE =
            CloseOptions.GroupMembershipOperation.LEAVE_GROUP;

    private LeaveGroupOnClose() {
    }

    @SuppressWarnings("unchecked")
    static <K, V> Consumer<K, V> wrap(Consumer<K, V> consumer) {
        return (Consumer<K, V>) Proxy.newProxyInstance(LeaveGroupOnClose.class.getClassLoader(),
                new Class<?>[] {Consumer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        consumer.close(CloseOptions.groupMembershipOperation(LEAVE));
                        return null;
                    }
                    if (method.getName().equals("close") && method.getParameterCount() == 1
                            && args[0] instanceof Duration timeout) {
                        consumer.close(CloseOptions.timeout(timeout).withGroupMembershipOperation(LEAVE));
                        return null;
                    }
                    if (method.getName().equals("close") && method.getParameterCount() == 1
                            && args[0] instanceof CloseOptions options) {
                        consumer.close(options.groupMembershipOperation() == CloseOptions.GroupMembershipOperation
                                .DEFAULT ? options.withGroupMembershipOperation(LEAVE) : options);
                        return null;
                    }
                    return invoke(consumer, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
