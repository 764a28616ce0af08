package org.signpost.bot.keys;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The application's own keys: never in Redis, never in Redis's data folder, never logged. (The
 * respondent-token key is the survey's setting, {@link TokenKeySettings}.)
 *
 * @param folder     where the embedded default keeps generated keys (owner-only); unset, {@code keys} beside
 *                   the Redis data folder; never inside the data folder
 * @param sealingKey seals what Redis holds about a conversation (answers in progress, last-active times,
 *                   conversation references); at least 32 characters. Required with an app id or an
 *                   external Redis, the same on every instance. Changing it forgets answers in progress
 *                   and conversation references.
 */
@ConfigurationProperties("signpost.keys")
public record KeySettings(Path folder, String sealingKey) {
}
