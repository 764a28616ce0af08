package org.signpost.bot.survey;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.bot.keys.Seal;
import org.signpost.bot.redis.Keyspace;
import org.signpost.bot.redis.Piped;
import org.signpost.bot.redis.RevisedSave;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.survey.SurveyProgress;
import org.signpost.dialogs.survey.SurveyProgressStore;
import org.signpost.dialogs.survey.SurveyRound;
import redis.clients.jedis.UnifiedJedis;

/**
 * The answers in progress of a round ({@code progress}), sealed: stored under a keyed one-way name of the
 * conversation, encrypted (AES-GCM, the key name as associated data) in a record of one fixed length per survey,
 * and saved by compare-and-set only while the round is open, so a late save can neither bring answers back after
 * submit or close nor overwrite another click. Submitting deletes them in {@link RedisSurveyStore}'s script.
 */
final class SealedProgress implements SurveyProgressStore {

    private final UnifiedJedis redis;
    private final String prefix;
    private final Pseudonyms conversations;
    private final Seal seal;
    private final AppendOnlyRewrites rewrites;
    private final Duration ttl;

    SealedProgress(UnifiedJedis redis, String prefix, Pseudonyms conversations, Seal seal, AppendOnlyRewrites rewrites,
            Duration ttl) {
        this.redis = redis;
        this.prefix = prefix;
        this.conversations = conversations;
        this.seal = seal;
        this.rewrites = rewrites;
        this.ttl = ttl;
    }

    @Override
    public Optional<SurveyProgress> load(SurveyRound round, String conversationKey) {
        byte[] name = key(round.id(), conversationKey).getBytes(StandardCharsets.UTF_8);
        return opened(round, conversationKey, name, redis.get(name));
    }

    /** The record's read, in a pipeline with others; opened only once given the round, checked open by then. */
    @Override
    public Together.Call<Function<SurveyRound, Optional<SurveyProgress>>> loadAheadCall(String roundId,
            String conversationKey) {
        if (!SurveyRound.validId(roundId)) {
            // a forged round id names no key
            return SurveyProgressStore.super.loadAheadCall(roundId, conversationKey);
        }
        byte[] name = key(roundId, conversationKey).getBytes(StandardCharsets.UTF_8);
        return Piped.of(pipeline -> pipeline.get(name), stored -> round -> opened(round, conversationKey, name, stored),
                () -> {
                    byte[] stored = redis.get(name);
                    return round -> opened(round, conversationKey, name, stored);
                });
    }

    /** A record read under {@code name}, the round's key for the conversation, opened. */
    private Optional<SurveyProgress> opened(SurveyRound round, String conversationKey, byte[] name, byte[] stored) {
        if (stored == null) {
            return Optional.empty();
        }
        Optional<SurveyProgress> opened = seal.open(stored, name)
                .flatMap(plain -> ProgressCodec.decode(round.survey(), round.id(), plain));
        if (opened.isEmpty()) {
            // sealed under another key, or for another version of the survey: start again rather than guess
            delete(round.id(), conversationKey);
        }
        return opened.map(progress -> progress.at(RevisedSave.revision(stored)));
    }

    @Override
    public boolean save(SurveyRound round, String conversationKey, SurveyProgress progress) {
        return saveCall(round, conversationKey, progress).alone();
    }

    @Override
    public Piped<Boolean> saveCall(SurveyRound round, String conversationKey, SurveyProgress progress) {
        String key = key(round.id(), conversationKey);
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        byte[] sealed = seal.seal(ProgressCodec.encode(round.survey(), progress), name);
        // kept only while the round is open: a click that closing overtook saves nothing, and what it held goes
        byte[] state = meta(round.id()).getBytes(StandardCharsets.UTF_8);
        return RevisedSave.callWhileOpen(redis, name, state, progress.revision(), sealed, ttl, saved -> {
            rewrites.changed(meta(round.id()));
            return saved;
        });
    }

    @Override
    public void delete(String roundId, String conversationKey) {
        if (!SurveyRound.validId(roundId)) {
            // a forged round id names no key
            return;
        }
        if (redis.del(key(roundId, conversationKey)) > 0) {
            // only a delete that deleted something is written to the append-only file
            rewrites.changed(meta(roundId));
        }
    }

    /** Named by a keyed one-way id of round and conversation: the key names no conversation. */
    String key(String roundId, String conversationKey) {
        return Keyspace.PROGRESS.key(prefix, roundId, ":" + conversations.of(roundId, conversationKey));
    }

    /** The round's metadata ({@link RedisSurveyStore#meta}): its state says whether the round is open. */
    private String meta(String roundId) {
        return Keyspace.AGG.key(prefix, roundId, ":meta");
    }
}
