package org.signpost.bot.keys;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param tokenSecret key of the respondent tokens (SIGNPOST_SURVEY_TOKEN_SECRET); at least 32 characters.
 *                    Required with an app id or an external Redis, the same on every instance. A round
 *                    pins its fingerprint: changing it while a round is open stops the app.
 */
@ConfigurationProperties("signpost.survey")
public record TokenKeySettings(String tokenSecret) {
}
