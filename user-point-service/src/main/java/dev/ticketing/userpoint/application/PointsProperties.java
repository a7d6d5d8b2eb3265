package dev.ticketing.userpoint.application;

import dev.ticketing.userpoint.domain.PointLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code points.*}: the charge limits ({@code POINTS_MAX_CHARGE}, {@code POINTS_MAX_BALANCE}). */
@ConfigurationProperties("points")
public record PointsProperties(
        @DefaultValue("1000000") long maxCharge,
        @DefaultValue("100000000") long maxBalance) {

    public PointLimits limits() {
        return new PointLimits(maxCharge, maxBalance);
    }
}
