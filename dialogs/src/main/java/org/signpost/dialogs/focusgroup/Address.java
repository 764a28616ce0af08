package org.signpost.dialogs.focusgroup;

/**
 * Where the bot reaches a person who signed up (their personal chat with it): for the reminder, the news
 * of a place from the waiting list, withdrawal and "what do you hold about me". Kept with the sign-up and
 * deleted with it.
 */
public record Address(String channelId, String userId) {

    public Address {
        if (channelId == null || channelId.isBlank() || userId == null || userId.isBlank()
                || channelId.length() > 64 || userId.length() > 256) {
            throw new IllegalArgumentException("An address needs a channel and a user id");
        }
    }
}
