package org.signpost.bot.survey;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.bot.redis.Durability;
import org.signpost.bot.redis.Keyspace;
import org.signpost.bot.redis.Piped;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyRound;
import org.signpost.dialogs.survey.SurveyTotals;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A round in Redis: its totals ({@code agg}) and its respondent tokens ({@code resp}); the answers in progress
 * ({@code progress}) are {@link SealedProgress}'s, deleted here as they are counted and when the round closes. All
 * keys of a round share the round id as their hash tag, so submit is one Lua script on one slot
 * ({@link RoundScripts}): atomic, and one round trip whatever the number of questions.
 */
final class RedisSurveyStore implements SurveyTotals {

    /** How opening a round's counters went: {@link RoundScripts#OPEN}'s answer. */
    enum Opened {
        OPENED, ALREADY_OPEN, CLOSED, SURVEY_CHANGED, META_LOST, TOKEN_KEY_CHANGED, TOKEN_KEY_NOT_PINNED;

        /** Why the round cannot be opened, told to whoever runs the app. */
        String refusal(String round, String survey) {
            return switch (this) {
                case SURVEY_CHANGED -> "The survey " + survey + " changed its questions or options while round "
                        + round + " is open; its totals would no longer add up. Restore the survey file, or close the "
                        + "round and open a new one.";
                case META_LOST -> "Round " + round + " has counters or respondent tokens in Redis but no metadata "
                        + "(evicted, deleted or partly restored?). Opening it again would reset its totals to zero, so "
                        + "the app stops. Restore the round's agg:{" + round + "}:meta hash from a backup, or close "
                        + "the round.";
                case TOKEN_KEY_CHANGED -> "Round " + round + " was opened with another respondent-token key: with "
                        + "this one, everyone who answered could answer again. Restore the key the round was opened "
                        + "with, or close the round.";
                case TOKEN_KEY_NOT_PINNED -> "Round " + round + " was opened by an earlier version that did not pin "
                        + "its respondent-token key, and tokens are now made differently: close the round and open a "
                        + "new one.";
                default -> "Round " + round + " could not be opened: " + this;
            };
        }
    }

    private final UnifiedJedis redis;
    private final String prefix;
    private final Settings settings;
    private final SealedProgress inProgress;
    private final AppendOnlyRewrites rewrites;
    private final Durability durability;
    private final RoundProgressSweep closedProgress;

    /**
     * @param tokenKeyFingerprint pinned by each round this store opens
     * @param trial               senders are not vouched for (a local trial): rounds they count are marked
     * @param rewriteEvery        ask for an append-only rewrite after every this many submissions
     */
    record Settings(String tokenKeyFingerprint, boolean trial, int rewriteEvery) {
    }

    RedisSurveyStore(UnifiedJedis redis, String prefix, Settings settings, SealedProgress inProgress,
            AppendOnlyRewrites rewrites, Durability durability) {
        this.redis = redis;
        this.prefix = prefix;
        this.settings = settings;
        this.inProgress = inProgress;
        this.rewrites = rewrites;
        this.durability = durability;
        this.closedProgress = new RoundProgressSweep(redis, prefix);
    }

    Opened open(SurveyRound round) {
        Map<String, List<String>> hashes = CounterLayout.allFields(round.survey());
        List<String> keys = new ArrayList<>(List.of(meta(round.id()), tokens(round.id())));
        for (String hash : hashes.keySet()) {
            keys.add(hash(round.id(), hash));
        }
        List<String> args = RoundScripts.openArgs(round.survey().structureHash(), settings.tokenKeyFingerprint(),
                hashes);
        Opened opened = Opened.valueOf((String) redis.eval(RoundScripts.OPEN, keys, args));
        if (opened == Opened.OPENED) {
            rewrites.changed(meta(round.id()));
        }
        return opened;
    }

    /**
     * Closes a round for good (also one that never opened); false when it was closed already. The answers still
     * in progress go too: none can count any more, and once the round is closed none can be saved again.
     */
    boolean close(String roundId) {
        Object closed = redis.eval(RoundScripts.CLOSE, List.of(meta(roundId), tokens(roundId)), List.of());
        closedProgress.delete(roundId);
        rewrites.now(meta(roundId));
        return Long.valueOf(1).equals(closed);
    }

    /** The round's state as its metadata says ("open", "closed"); empty when it never opened. */
    Optional<String> state(String roundId) {
        return Optional.ofNullable(redis.hget(meta(roundId), "state"));
    }

    @Override
    public boolean hasResponded(String roundId, String token) {
        return hasRespondedCall(roundId, token).alone();
    }

    @Override
    public Piped<Boolean> hasRespondedCall(String roundId, String token) {
        String tokens = tokens(roundId);
        return Piped.of(pipeline -> pipeline.sismember(tokens, token), Boolean.TRUE::equals,
                () -> redis.sismember(tokens, token));
    }

    @Override
    public Outcome submit(String roundId, String token, CounterLayout.Submission submission, String conversationKey) {
        List<String> keys = new ArrayList<>(List.of(meta(roundId), tokens(roundId), progress(roundId, conversationKey)));
        for (String hash : submission.hashes()) {
            keys.add(hash(roundId, hash));
        }
        List<String> args = RoundScripts.submitArgs(token, settings.trial(), submission);
        long result;
        boolean replicated;
        try {
            Durability.Written written = durability.eval(RoundScripts.SUBMIT, keys, args);
            result = (Long) written.result();
            replicated = written.replicated();
        } catch (JedisConnectionException e) {
            return connectFailure(e) ? Outcome.NOT_SAVED : Outcome.UNKNOWN;
        } finally {
            rewrites.changed(meta(roundId));
        }
        if (result == -2) {
            throw new IllegalStateException("A submission named a counter the round does not have");
        }
        if (result < 0) {
            return Outcome.ROUND_CLOSED;
        }
        if (result == 0) {
            return Outcome.ALREADY_COUNTED;
        }
        if (result % settings.rewriteEvery() == 0) {
            rewrites.now(meta(roundId));
        }
        // counted on the master, but a failover now could lose it: the truth is "may not have been saved"
        return replicated ? Outcome.COUNTED : Outcome.UNKNOWN;
    }

    /** Nothing was sent when the connection could not even be made (Jedis attaches that cause as suppressed). */
    private static boolean connectFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (connectFailure(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    String meta(String roundId) {
        return Keyspace.AGG.key(prefix, roundId, ":meta");
    }

    String hash(String roundId, String hash) {
        return Keyspace.AGG.key(prefix, roundId, ":" + hash);
    }

    String tokens(String roundId) {
        return Keyspace.RESP.key(prefix, roundId);
    }

    /** The conversation's answers in progress, deleted by submit in the same script. */
    String progress(String roundId, String conversationKey) {
        return inProgress.key(roundId, conversationKey);
    }
}
