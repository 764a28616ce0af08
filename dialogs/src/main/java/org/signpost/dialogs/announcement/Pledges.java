package org.signpost.dialogs.announcement;

import java.time.Duration;

/**
 * Port: pledges ("I'll have a conversation about mental health today"), counted once per person per
 * campaign by a keyed one-way token, so that a second press counts nothing and no list says who pledged.
 */
public interface Pledges {

    /** True if this counted (the person had not pledged in this campaign yet). */
    boolean pledge(String campaignId, String personId);

    /**
     * The same, and the campaign's tokens are kept for at most this long from now (until its year ends):
     * after that its count is never shown, so nothing of it need stay.
     */
    default boolean pledge(String campaignId, String personId, Duration keptFor) {
        return pledge(campaignId, personId);
    }

    long count(String campaignId);
}
