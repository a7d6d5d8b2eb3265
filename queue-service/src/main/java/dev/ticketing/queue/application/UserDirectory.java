package dev.ticketing.queue.application;

/** Who the users are: owned by user-point-service. */
public interface UserDirectory {

    /**
     * @throws dev.ticketing.queue.domain.DependencyUnavailableException when the directory cannot answer now
     */
    boolean exists(long userId);
}
