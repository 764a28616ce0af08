package org.signpost.bot;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How conversations go and where their content comes from.
 *
 * @param idleGap       after this long without activity, the next reply signposts support again
 * @param contentFolder a folder whose files override the shipped content (wording, support directory)
 */
@ConfigurationProperties("signpost.conversation")
record ConversationSettings(@DefaultValue("12h") Duration idleGap, Path contentFolder) {
}
