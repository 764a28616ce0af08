package org.signpost.bot.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.microsoft.bot.schema.Activity;
import java.io.IOException;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads activities with Jackson 2 (the SDK's types need it), configured like the SDK's own mapper, but
 * leaving out the activity's two timestamps: nothing here reads them (replies carry their own), parsing them
 * was almost half of reading an activity, and 4.14.3's pattern rejected times without a fraction.
 */
final class ActivityReader {

    private final ObjectMapper mapper = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
            .addMixIn(Activity.class, TimestampsUnread.class)
            .findAndAddModules()
            .build();
    /** The mapper's reader for activities, resolved once (the mapper looks the type and its reader up per call). */
    private final ObjectReader activities = mapper.readerFor(Activity.class);

    /**
     * The activity, or empty for a body that is not one: not JSON, or without what every channel's activity
     * has (a type, a channel, a conversation and a sender), which the bot could not even answer. Parser errors
     * are dropped, as they quote the input.
     */
    Optional<Activity> read(byte[] body) {
        try {
            Activity activity = activities.readValue(body);
            if (activity != null && activity.getLocale() != null) {
                activity.setLocale(wellFormedLocale(activity.getLocale()));
            }
            return activity == null || blank(activity.getType()) || blank(activity.getChannelId())
                    || activity.getConversation() == null
                    || blank(activity.getConversation().getId()) || activity.getFrom() == null
                    || blank(activity.getFrom().getId()) ? Optional.empty() : Optional.of(activity);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A BCP 47 tag as given ("en_GB" read as "en-GB"), or none: the SDK throws on a malformed one mid-turn. */
    private static String wellFormedLocale(String tag) {
        String hyphenated = tag.replace('_', '-');
        try {
            new Locale.Builder().setLanguageTag(hyphenated);
            return hyphenated;
        } catch (IllformedLocaleException e) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    String write(Object value) throws IOException {
        return mapper.writeValueAsString(value);
    }

    @JsonIgnoreProperties({"timestamp", "localTimestamp"})
    abstract static class TimestampsUnread {
    }
}
