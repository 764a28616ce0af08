package org.signpost.bot.redis;

import java.time.Duration;
import java.util.Optional;

/**
 * Every Redis key belongs to exactly one keyspace (DESIGN §2a), which fixes what it may hold and how
 * long it lives. Keys are {@code <prefix><keyspace>:{<tag>}<suffix>}: the braces are a Redis Cluster
 * hash tag, so keys of one tag that change together live on one slot.
 */
public enum Keyspace {
    /** aggregated survey counters; no identifiers */
    AGG("agg", null),
    /** respondent tokens (HMACs) per round; deleted when the round closes */
    RESP("resp", null),
    /**
     * per conversation, each under its own keyed one-way name: the last-active time, and the flow in
     * progress (sealed); never answers
     */
    CONV("conv", Duration.ofHours(24)),
    /** released snapshots of a round's counters (a new one after at least k new responses); no identifiers */
    SNAP("snap", null),
    /** HR's data: headcounts per group, the audit log of HR views and downloads; HR identities only */
    HR("hr", null),
    /**
     * answers in progress, sealed under a keyed one-way name; deleted on submit or cancel: the survey's
     * ({@code progress:{<round>}:<name>}) and every other flow's ({@code progress:{<name>}})
     */
    PROGRESS("progress", Duration.ofHours(4)),
    /** conversation references for later messages, sealed under a keyed one-way name; until uninstall */
    REF("ref", null),
    /** announcements, their delivery queue, claims and counts; recipients' keyed one-way names only while pending */
    BCAST("bcast", null),
    /** focus-group sessions: details, facilitators' names, discussion guide, key points; nobody who signed up */
    FOCUS("focus", null),
    /** focus-group sign-ups with consent, sealed under a keyed one-way name; deleted on withdrawal and when the
     *  session's retention period ends; tagged by session, never beside survey data */
    SIGNUP("signup", null),
    /** processed activity ids */
    DEDUP("dedup", Duration.ofMinutes(10));

    private final String name;
    private final Duration ttl;

    Keyspace(String name, Duration ttl) {
        this.name = name;
        this.ttl = ttl;
    }

    public String key(String prefix, String tag) {
        return key(prefix, tag, "");
    }

    public String key(String prefix, String tag, String suffix) {
        return prefix + name + ":{" + tag + "}" + suffix;
    }

    public String pattern(String prefix) {
        return prefix + name + ":*";
    }

    public Optional<Duration> ttl() {
        return Optional.ofNullable(ttl);
    }
}
