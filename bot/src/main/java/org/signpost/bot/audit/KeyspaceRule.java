package org.signpost.bot.audit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one keyspace of DESIGN §2a may hold, as the audit checks it: the shapes its key names may take
 * (after {@code <prefix><name>:}), the Redis types, whether its values are sealed, whether it may name
 * people or survey options in clear, and how long its keys may live. A new keyspace is one entry in
 * {@link Keyspaces}.
 *
 * @param shapes        the key names allowed, after the keyspace's own {@code name:}
 * @param types         Redis types its keys may have
 * @param sealed        which keys (after {@code name:}) hold sealed records (AES-GCM, Signpost's version byte
 *                      first), never readable; empty for none
 * @param identifiers   may hold a person's identifiers in clear (HR's own names; sign-ups with consent)
 * @param options       may name a question's options next to its id (counters, headcounts per group)
 * @param maxTtl        empty: keys need no lifetime; present: every key must expire, within this
 */
record KeyspaceRule(String name, List<Pattern> shapes, Set<String> types, Optional<Pattern> sealed, boolean identifiers,
        boolean options, Optional<Duration> maxTtl) {

    /** A round id, as a hash tag. */
    static final String ROUND = "\\{[A-Za-z0-9][A-Za-z0-9._-]{0,63}}";
    /** A keyed one-way name (HMAC-SHA256 in hex), as a hash tag or a suffix. */
    static final String KEYED = "[0-9a-f]{64}";

    boolean allows(String rest) {
        return shapes.stream().anyMatch(shape -> shape.matcher(rest).matches());
    }

    boolean sealed(String rest) {
        return sealed.isPresent() && sealed.get().matcher(rest).matches();
    }

    boolean expires() {
        return maxTtl.isPresent();
    }
}
