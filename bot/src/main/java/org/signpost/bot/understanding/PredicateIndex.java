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
     * id + 1 of the predicate whose hash led here in the low {@link #idBits} bits, and the low bits of its hash
     * above them (so that a probe past another predicate seldom reads that predicate's bytes); 0 where empty.
     * A power of two, at most two thirds full.
     */
    private final int[] slots;
    private final int shift;
    private final int idBits;

    private PredicateIndex(byte[] pool, int[] offsets) {
        this.pool = pool;
        this.offsets = offsets;
        int size = size();
        int bits = Math.max(4, 32 - Integer.numberOfLeadingZeros(size + size / 2));
        this.slots = new int[1 << bits];
        this.shift = 32 - bits;
        this.idBits = 32 - Integer.numberOfLeadingZeros(size);
        for (int id = 0; id < size; id++) {
            int hash = predicate(id).hashCode();
            int slot = slot(hash);
            while (slots[slot] != 0) {
                slot = (slot + 1) & (slots.length - 1);
            }
            slots[slot] = hashBits(hash) | (id + 1);
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
        int bits = hashBits(hash);
        int idMask = (1 << idBits) - 1;
        int slot = slot(hash);
        for (int entry = slots[slot]; entry != 0; entry = slots[slot]) {
            if ((entry & ~idMask) == bits && matches(predicate, (entry & idMask) - 1)) {
                return (entry & idMask) - 1;
            }
            slot = (slot + 1) & (slots.length - 1);
        }
        return ABSENT;
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
        for (int entry = slots[slot]; entry != 0; entry = slots[slot]) {
            if ((entry & ~idMask) == bits && matches(chars, length, (entry & idMask) - 1)) {
                return (entry & idMask) - 1;
            }
            slot = (slot + 1) & (slots.length - 1);
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
     * Whether the predicate's UTF-8 bytes ({@code String.getBytes(UTF_8)}, a lone surrogate as '?') are those of
     * predicate {@code id}, encoded char by char against the pool without a copy.
     */
    private boolean matches(String predicate, int id) {
        int at = offsets[id];
        int end = offsets[id + 1];
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

    /** {@link #matches(String, int)} for the characters {@code chars[0, length)}. */
    private boolean matches(char[] chars, int length, int id) {
        int at = offsets[id];
        int end = offsets[id + 1];
        if (length > end - at) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (c < 0x80) {
                if (at == end || pool[at++] != c) {
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
