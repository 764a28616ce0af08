package org.signpost.bot.redis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.bot.keys.Seal;
import org.signpost.dialogs.flow.FlowRun;
import org.signpost.dialogs.flow.FlowRunStore;
import org.signpost.dialogs.flow.FlowRunStores;
import redis.clients.jedis.UnifiedJedis;

/**
 * The runs of every flow that does not keep its own (the survey does), in the {@code progress} keyspace,
 * as unreadable as the survey's answers in progress: each under a keyed one-way name of flow, instance and
 * conversation ({@code progress:{<name>}}, so nothing in the key says which flow, which instance or who),
 * sealed (AES-GCM, the key as associated data, so a record moved to another key does not open) in a record
 * of one length whatever it holds. A save is compare-and-set on the stored record's revision, in one script.
 */
final class RedisFlowRuns implements FlowRunStores {

    /** Every run is padded to this many bytes before sealing: room for several free-text answers. */
    static final int RECORD_BYTES = 16 * 1024;
    private static final byte FORMAT = 1;

    private final UnifiedJedis redis;
    private final String prefix;
    private final Pseudonyms names;
    private final Seal seal;

    RedisFlowRuns(UnifiedJedis redis, String prefix, Pseudonyms names, Seal seal) {
        this.redis = redis;
        this.prefix = prefix;
        this.names = names;
        this.seal = seal;
    }

    @Override
    public FlowRunStore of(String flow, Duration ttl) {
        return new Runs(flow, ttl);
    }

    private final class Runs implements FlowRunStore {
        private final String flow;
        private final Duration ttl;

        Runs(String flow, Duration ttl) {
            this.flow = flow;
            this.ttl = ttl;
        }

        @Override
        public Optional<FlowRun> load(String instance, String conversationKey) {
            byte[] name = key(flow, instance, conversationKey);
            return opened(instance, name, redis.get(name));
        }

        /** The record's read, in a pipeline with others; opened when the run is needed. */
        @Override
        public Piped<Supplier<Optional<FlowRun>>> loadAheadCall(String instance, String conversationKey) {
            byte[] name = key(flow, instance, conversationKey);
            return Piped.of(pipeline -> pipeline.get(name), stored -> () -> opened(instance, name, stored), () -> {
                byte[] stored = redis.get(name);
                return () -> opened(instance, name, stored);
            });
        }

        private Optional<FlowRun> opened(String instance, byte[] name, byte[] stored) {
            if (stored == null) {
                return Optional.empty();
            }
            Optional<FlowRun> opened = seal.open(stored, name).flatMap(RedisFlowRuns::decode)
                    .filter(run -> run.flow().equals(flow) && run.instance().equals(instance));
            if (opened.isEmpty()) {
                // sealed under another key or in another format: start again rather than guess
                redis.del(name);
            }
            return opened.map(run -> run.at(RevisedSave.revision(stored)));
        }

        @Override
        public boolean save(String conversationKey, FlowRun run) {
            return saveCall(conversationKey, run).alone();
        }

        @Override
        public Piped<Boolean> saveCall(String conversationKey, FlowRun run) {
            if (!run.flow().equals(flow)) {
                throw new IllegalArgumentException("A run of another flow");
            }
            byte[] name = key(flow, run.instance(), conversationKey);
            return RevisedSave.call(redis, name, run.revision(), seal.seal(encode(run), name), ttl, saved -> saved);
        }

        @Override
        public void delete(String instance, String conversationKey) {
            redis.del(key(flow, instance, conversationKey));
        }
    }

    /** Flow, instance, next step and answers, padded with zeros to {@link #RECORD_BYTES}. */
    static byte[] encode(FlowRun run) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(RECORD_BYTES);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(run.flow());
            out.writeUTF(run.instance());
            out.writeInt(run.next());
            out.writeInt(run.answers().size());
            for (Map.Entry<String, String> answer : run.answers().entrySet()) {
                out.writeUTF(answer.getKey());
                out.writeUTF(answer.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.size() > RECORD_BYTES) {
            throw new IllegalArgumentException("A run too large to keep: " + bytes.size() + " bytes");
        }
        byte[] record = new byte[RECORD_BYTES];
        System.arraycopy(bytes.toByteArray(), 0, record, 0, bytes.size());
        return record;
    }

    /** Empty when the bytes were not written by {@link #encode}. */
    static Optional<FlowRun> decode(byte[] record) {
        if (record.length != RECORD_BYTES || record[0] != FORMAT) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record, 1, record.length - 1))) {
            String flow = in.readUTF();
            String instance = in.readUTF();
            int next = in.readInt();
            int count = in.readInt();
            if (next < 0 || count < 0 || count > RECORD_BYTES / 4) {
                return Optional.empty();
            }
            Map<String, String> answers = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                answers.put(in.readUTF(), in.readUTF());
            }
            return Optional.of(new FlowRun(flow, instance, next, answers, null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private byte[] key(String flow, String instance, String conversationKey) {
        return Keyspace.PROGRESS.key(prefix, names.of(flow, instance, conversationKey)).getBytes(StandardCharsets.UTF_8);
    }
}
