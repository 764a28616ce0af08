package org.signpost.bot.results;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How HR results are put together and kept.
 *
 * @param managerGrouping        the grouping question that says who manages people
 * @param managerValue           its option for managers; everyone else is compared with them
 * @param underRepresentedRatio  a group is flagged when its response rate is below this share of the
 *                               overall rate
 * @param auditRetention         how long the audit log of HR views and downloads is kept
 * @param hrObjectIds            the earlier name of signpost.roles.hr (read by the roles; still works)
 * @param pagesUrl               the address of the HR pages, for the link in the Teams summary
 * @param timeZone               the time zone of the pages' dates and of the rounds' schedules
 * @param scheduleTick           how often each instance looks whether a round is due to open or close
 */
@ConfigurationProperties("signpost.results")
record ResultsSettings(
        @DefaultValue("role") String managerGrouping,
        @DefaultValue("manager") String managerValue,
        @DefaultValue("0.8") double underRepresentedRatio,
        @DefaultValue("365d") Duration auditRetention,
        @DefaultValue List<String> hrObjectIds,
        @DefaultValue("http://localhost:3978/hr") String pagesUrl,
        @DefaultValue("Europe/London") ZoneId timeZone,
        @DefaultValue("30s") Duration scheduleTick) {

    ResultsSettings {
        if (auditRetention.isNegative() || auditRetention.isZero()) {
            throw new IllegalArgumentException("signpost.results.audit-retention must be positive");
        }
        if (scheduleTick.compareTo(Duration.ofSeconds(1)) < 0 || scheduleTick.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("signpost.results.schedule-tick must be between 1 second and 10 minutes");
        }
    }
}
