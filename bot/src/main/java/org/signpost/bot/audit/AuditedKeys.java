package org.signpost.bot.audit;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.signpost.bot.audit.AuditInput.Expected;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * What the store's and the data folder's rules both need to know of a key: its keyspace and the rest of its
 * name, its round and that round's survey, Signpost's seal format, and the few keys whose content the
 * identifier and answer checks read differently (the tenants' list; an announcement's own words).
 */
final class AuditedKeys {

    /** Signpost's sealed records: a version byte, a 12-byte nonce, the ciphertext and a 16-byte tag. */
    static final int SEAL_OVERHEAD = 1 + 12 + 16;
    private static final byte SEAL_VERSION = 1;
    /**
     * An announcement's record in the queue ({@code bcast:{<tenant digest>}:b:<broadcast id>}), whose field
     * {@link #OWN_WORDS} may hold an ambassador's own words ("you said, we did").
     */
    private static final Pattern BROADCAST_RECORD = Pattern.compile("\\{[0-9a-f]{16}}:b:[A-Za-z0-9_-]{1,100}");
    static final String OWN_WORDS = "text";

    private final Expected expected;
    private final Identifiers identifiers;

    AuditedKeys(Expected expected) {
        this.expected = expected;
        this.identifiers = new Identifiers(expected.surveys());
    }

    Expected expected() {
        return expected;
    }

    Identifiers identifiers() {
        return identifiers;
    }

    Optional<KeyspaceRule> keyspace(String key) {
        if (!key.startsWith(expected.prefix())) {
            return Optional.empty();
        }
        String rest = key.substring(expected.prefix().length());
        int colon = rest.indexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        return expected.keyspaces().stream().filter(rule -> rule.name().equals(name)).findFirst();
    }

    String rest(String key, KeyspaceRule rule) {
        return key.substring(Math.min(key.length(), expected.prefix().length() + rule.name().length() + 1));
    }

    static String roundOf(String rest) {
        int close = rest.indexOf('}');
        return rest.startsWith("{") && close > 0 ? rest.substring(1, close) : rest;
    }

    Optional<SurveyDefinition> survey(String roundId, List<StoredKey> store) {
        SurveyDefinition configured = expected.rounds().get(roundId);
        if (configured != null) {
            return Optional.of(configured);
        }
        String meta = expected.prefix() + "agg:{" + roundId + "}:meta";
        Optional<String> structure = store.stream().filter(key -> key.key().equals(meta))
                .map(key -> key.hash().get("structure")).filter(value -> value != null).findFirst();
        return structure.flatMap(hash -> expected.surveys().stream()
                .filter(survey -> survey.structureHash().equals(hash)).findFirst());
    }

    /** A sealed record of answers in progress has one length per survey (see the survey's progress codec). */
    Optional<Integer> progressLength(String roundId, List<StoredKey> store) {
        return survey(roundId, store).map(survey -> {
            int length = 1 + 2;
            for (Question question : survey.questions()) {
                length += 1 + (question.optionIds().size() + 7) / 8;
            }
            return SEAL_OVERHEAD + length;
        });
    }

    /** Signpost's seal format, and bytes that do not read as text. */
    static boolean looksSealed(byte[] value) {
        if (value.length < SEAL_OVERHEAD || value[0] != SEAL_VERSION) {
            return false;
        }
        long printable = 0;
        for (byte b : value) {
            if (b >= 0x20 && b < 0x7f) {
                printable++;
            }
        }
        return printable < value.length * 0.8;
    }

    /**
     * The announcement queue's list of organisations it has work for: Entra tenant ids, shaped like anyone's
     * object id but naming an organisation, never a person (the two keys hold nothing else).
     */
    boolean holdsTenantIds(String key) {
        String tenants = expected.prefix() + "bcast:{tenants}";
        return key.equals(tenants) || key.equals(tenants + ":of");
    }

    boolean broadcastRecord(String key) {
        String records = expected.prefix() + "bcast:";
        return key.startsWith(records) && BROADCAST_RECORD.matcher(key.substring(records.length())).matches();
    }
}
