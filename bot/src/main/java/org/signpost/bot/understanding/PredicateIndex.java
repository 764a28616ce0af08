package org.signpost.bot.understanding;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The feature names (OpenNLP's predicates) a model knows, numbered 0..n-1: their UTF-8 bytes one after another
 * in one array and an open-addressing table over them, instead of a String and a map entry each (about a
 * tenth of the memory). Thread-safe once built.
 */
final class PredicateIndex {

    /** No such predicate: the models leave it out, as OpenNLP does with a predicate its map lacks. */
    static final int ABSENT = -1;

    private final byte[] pool;
    /** Predicate i is {@code pool[offsets[i], offsets[i + 1])}. */
    private final int[] offsets;
    /**
     * What a probe needs in one place, so that a lookup reads one slot and then the predicate's bytes, not a
     * third array: from the low bits up, the predicate's id + 1 ({@link #idBits}), its UTF-8 length
     * ({@link #LENGTH_BITS}; {@link #LONG} for a longer one, whose end is then read from {@code offsets}), its
     * start in the pool ({@link #offsetBits}), and the low bits of its hash in the rest (so that a probe past
     * another predicate seldom reads that predicate's bytes); 0 where empty. A power of two, at most two
     * thirds full.
     */
    private final long[] slots;
    private final int shift;
    private final int idBits;
    private final int offsetBits;
    private final int fingerprintShift;

    private static final int LENGTH_BITS = 8;
    private static final int LONG = (1 << LENGTH_BITS) - 1;
    /** Fewer hash bits than this in a slot and probes would read other predicates' bytes too often. */
    private static final int FINGERPRINT_BITS = 8;

    private PredicateIndex(byte[] pool, int[] offsets) {
        this.pool = pool;
        this.offsets = offsets;
        int size = size();
        int bits = Math.max(4, 32 - Integer.numberOfLeadingZeros(size + size / 2));
        this.slots = new long[1 << bits];
        this.shift = 32 - bits;
        this.idBits = 32 - Integer.numberOfLeadingZeros(size);
        this.offsetBits = 32 - Integer.numberOfLeadingZeros(pool.length);
        this.fingerprintShift = idBits + LENGTH_BITS + offsetBits;
        if (fingerprintShift > Long.SIZE - FINGERPRINT_BITS) {
            throw new IllegalStateException("Too many predicates for one index");
        }
        for (int id = 0; id < size; id++) {
            int hash = predicate(id).hashCode();
            int slot = slot(hash);
            while (slots[slot] != 0) {
                slot = (slot + 1) & (slots.length - 1);
            }
            int length = Math.min(offsets[id + 1] - offsets[id], LONG);
            slots[slot] = fingerprint(hash) | (long) offsets[id] << idBits + LENGTH_BITS
                    | (long) length << idBits | (id + 1);
        }
    }

    /** The predicates, numbered in the order given; each must be given once. */
    static PredicateIndex of(Collection<String> predicates) {
        byte[][] encoded = new byte[predicates.size()][];
        int[] offsets = new int[predicates.size() + 1];
        int i = 0;
        for (String predicate : predicates) {
            encoded[i] = predicate.getBytes(StandardCharsets.UTF_8);
            offsets[i + 1] = offsets[i] + encoded[i].length;
            i++;
        }
        byte[] pool = new byte[offsets[encoded.length]];
        for (i = 0; i < encoded.length; i++) {
            System.arraycopy(encoded[i], 0, pool, offsets[i], encoded[i].length);
        }
        PredicateIndex index = new PredicateIndex(pool, offsets);
        for (String predicate : predicates) {
            if (index.id(predicate) < 0) {
                throw new IllegalStateException("A predicate given twice");
            }
        }
        return index;
    }

    int size() {
        return offsets.length - 1;
    }

    String predicate(int id) {
        return new String(pool, offsets[id], offsets[id + 1] - offsets[id], StandardCharsets.UTF_8);
    }

    /** The predicate's number, or {@link #ABSENT}. */
    int id(String predicate) {
        int hash = predicate.hashCode();
        return id(predicate, hash, slots[slot(hash)]);
    }

    /** The predicate's number, probing from its hash's slot, whose entry is given. */
    private int id(String predicate, int hash, long first) {
        long fingerprint = fingerprint(hash);
        int slot = slot(hash);
        for (long entry = first; entry != 0; entry = slots[slot]) {
            if ((entry & -1L << fingerprintShift) == fingerprint) {
                int id = (int) (entry & (1L << idBits) - 1) - 1;
                int length = (int) (entry >>> idBits) & LONG;
                int at = (int) (entry >>> idBits + LENGTH_BITS) & (int) ((1L << offsetBits) - 1);
                if (matches(predicate, at, length == LONG ? offsets[id + 1] : at + length)) {
                    return id;
                }
            }
            slot = (slot + 1) & (slots.length - 1);
        }
        return ABSENT;
    }

    /** The hash's low bits, placed above a slot's id, length and offset. */
    private long fingerprint(int hash) {
        return (long) hash << fingerprintShift;
    }

    /**
     * Each feature's number, in the features' order (duplicates kept): what a model evaluates. Every feature's
     * first slot is read before any is verified: those reads do not wait on one another, so the processor
     * overlaps their cache misses instead of taking them one feature at a time.
     */
    int[] ids(String[] features) {
        int[] ids = new int[features.length];
        long[] firsts = new long[features.length];
        for (int i = 0; i < features.length; i++) {
            ids[i] = features[i].hashCode();
            firsts[i] = slots[slot(ids[i])];
        }
        // each hash, in its place, becomes the number
        for (int i = 0; i < features.length; i++) {
            ids[i] = id(features[i], ids[i], firsts[i]);
        }
        return ids;
    }

    private int slot(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    /**
     * Whether the predicate's UTF-8 bytes ({@code String.getBytes(UTF_8)}, a lone surrogate as '?') are those of
     * the pool's {@code [at, end)}, encoded char by char against the pool without a copy.
     */
    private boolean matches(String predicate, int at, int end) {
        int length = predicate.length();
        if (length > end - at) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = predicate.charAt(i);
            if (c < 0x80) {
                if (at == end || pool[at++] != c) {
                    return false;
                }
                continue;
            }
            int code = c;
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(predicate.charAt(i + 1))) {
                    code = Character.toCodePoint(c, predicate.charAt(++i));
                } else {
                    code = '?';
                }
            }
            at = matchesCode(code, at, end);
            if (at < 0) {
                return false;
            }
        }
        return at == end;
    }

    /** Where the pool goes on after {@code code}'s UTF-8 bytes at {@code at}, or -1 if they are not there. */
    private int matchesCode(int code, int at, int end) {
        int bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        if (end - at < bytes) {
            return -1;
        }
        int lead = switch (bytes) {
            case 1 -> code;
            case 2 -> 0xC0 | code >> 6;
            case 3 -> 0xE0 | code >> 12;
            default -> 0xF0 | code >> 18;
        };
        if (pool[at] != (byte) lead) {
            return -1;
        }
        for (int k = 1; k < bytes; k++) {
            if (pool[at + k] != (byte) (0x80 | code >> 6 * (bytes - 1 - k) & 0x3F)) {
                return -1;
            }
        }
        return at + bytes;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(size());
        out.writeInt(pool.length);
        out.write(pool);
        CompactModel.writeInts(out, offsets);
    }

    static PredicateIndex read(ByteBuffer in) {
        int size = in.getInt();
        byte[] pool = new byte[in.getInt()];
        in.get(pool);
        return new PredicateIndex(pool, CompactModel.readInts(in, size + 1));
    }
}
