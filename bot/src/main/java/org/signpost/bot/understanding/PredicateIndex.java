package org.signpost.bot.understanding;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The feature names (OpenNLP's predicates) a model knows, numbered 0..n-1: their UTF-8 bytes one after another
 * in one array and an open-addressing table over them, instead of a String and a map entry each (about a
 * tenth of the memory). A look-up reads one slot of the table, which holds where the predicate's bytes start,
 * and then those bytes, which end with a byte UTF-8 never writes: two places in memory, not three (under load
 * each is likely a cache miss). Thread-safe once built.
 */
final class PredicateIndex {

    /** No such predicate: the models leave it out, as OpenNLP does with a predicate its map lacks. */
    static final int ABSENT = -1;
    /** After every predicate's bytes in {@link #pool}: UTF-8 never writes 0xFF, so no character matches it. */
    private static final byte END = (byte) 0xFF;

    /** Each predicate's UTF-8 bytes, then {@link #END}. */
    private final byte[] pool;
    /** Predicate i is {@code pool[offsets[i], offsets[i + 1] - 1)}. */
    private final int[] offsets;
    /**
     * Two ints a slot: id + 1 of the predicate whose hash led here in the low {@link #idBits} bits, and the low bits
     * of its hash above them (so that a probe past another predicate seldom reads that predicate's bytes), 0 where
     * empty; then where its bytes start in {@link #pool}. A power of two of slots, at most two thirds full.
     */
    private final int[] slots;
    private final int mask;
    private final int shift;
    private final int idBits;

    /** Over the predicates' bytes one after another ({@code bytes[starts[i], starts[i + 1])}), as a file keeps them. */
    private PredicateIndex(byte[] bytes, int[] starts) {
        int size = starts.length - 1;
        this.pool = new byte[bytes.length + size];
        this.offsets = new int[size + 1];
        for (int id = 0; id < size; id++) {
            int length = starts[id + 1] - starts[id];
            System.arraycopy(bytes, starts[id], pool, offsets[id], length);
            pool[offsets[id] + length] = END;
            offsets[id + 1] = offsets[id] + length + 1;
        }
        int bits = Math.max(4, 32 - Integer.numberOfLeadingZeros(size + size / 2));
        this.slots = new int[2 << bits];
        this.mask = (1 << bits) - 1;
        this.shift = 32 - bits;
        this.idBits = 32 - Integer.numberOfLeadingZeros(size);
        for (int id = 0; id < size; id++) {
            int hash = predicate(id).hashCode();
            int slot = slot(hash);
            while (slots[2 * slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[2 * slot] = hashBits(hash) | (id + 1);
            slots[2 * slot + 1] = offsets[id];
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
        return new String(pool, offsets[id], offsets[id + 1] - 1 - offsets[id], StandardCharsets.UTF_8);
    }

    /**
     * The predicate's number, or {@link #ABSENT}: {@link #id(char[], int)} of its characters (a copy; the look-ups
     * at run time come as characters, through FeatureKey).
     */
    int id(String predicate) {
        return id(predicate.toCharArray(), predicate.length());
    }

    /**
     * The number of the predicate whose characters are {@code chars[0, length)}: {@code id(new String(chars, 0,
     * length))} without the String (the same hash, String's, and the same comparison of UTF-8 bytes).
     */
    int id(char[] chars, int length) {
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[i];
        }
        int bits = hashBits(hash);
        int idMask = (1 << idBits) - 1;
        int slot = slot(hash);
        for (int entry = slots[2 * slot]; entry != 0; entry = slots[2 * slot]) {
            if ((entry & ~idMask) == bits && matches(chars, length, slots[2 * slot + 1])) {
                return (entry & idMask) - 1;
            }
            slot = (slot + 1) & mask;
        }
        return ABSENT;
    }

    /** The hash's low bits, placed above a slot's id + 1 (none when the ids need all 32 bits, which they never do). */
    private int hashBits(int hash) {
        return idBits >= 32 ? 0 : hash << idBits;
    }

    /** Each feature's number, in the features' order (duplicates kept): what a model evaluates. */
    int[] ids(String[] features) {
        int[] ids = new int[features.length];
        for (int i = 0; i < features.length; i++) {
            ids[i] = id(features[i]);
        }
        return ids;
    }

    private int slot(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    /**
     * Whether the UTF-8 bytes of the characters {@code chars[0, length)} ({@code String.getBytes(UTF_8)} of them, a
     * lone surrogate as '?') are those starting at {@code at} in the pool up to its {@link #END}, encoded char by
     * char without a copy (a character never matches {@link #END}, so the comparison stops there at the latest).
     */
    private boolean matches(char[] chars, int length, int at) {
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (c < 0x80) {
                if (pool[at++] != c) {
                    return false;
                }
                continue;
            }
            int code = c;
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(chars[i + 1])) {
                    code = Character.toCodePoint(c, chars[++i]);
                } else {
                    code = '?';
                }
            }
            at = matchesCode(code, at);
            if (at < 0) {
                return false;
            }
        }
        return pool[at] == END;
    }

    /**
     * Where the pool goes on after {@code code}'s UTF-8 bytes at {@code at}, or -1 if they are not there (an
     * {@link #END} is neither a lead nor a following byte, so no byte past it is read).
     */
    private int matchesCode(int code, int at) {
        int bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
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

    /** As a file keeps the predicates: their bytes one after another, without {@link #END}s, and where each starts. */
    void write(DataOutputStream out) throws IOException {
        int size = size();
        out.writeInt(size);
        out.writeInt(pool.length - size);
        for (int id = 0; id < size; id++) {
            out.write(pool, offsets[id], offsets[id + 1] - 1 - offsets[id]);
        }
        for (int id = 0; id <= size; id++) {
            out.writeInt(offsets[id] - id);
        }
    }

    static PredicateIndex read(ByteBuffer in) {
        int size = in.getInt();
        byte[] pool = new byte[in.getInt()];
        in.get(pool);
        return new PredicateIndex(pool, CompactModelFile.readInts(in, size + 1));
    }
}
