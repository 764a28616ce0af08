package org.signpost.dialogs.announcement;

/**
 * Port: pledges ("I'll have a conversation about mental health today"), counted once per person per
 * campaign by a keyed one-way token, so that a second press counts nothing and no list says who pledged.
 */
public interface Pledges {

    /** True if this counted (the person had not pledged in this campaign yet). */
    boolean pledge(String campaignId, String personId);

    long count(String campaignId);
}
