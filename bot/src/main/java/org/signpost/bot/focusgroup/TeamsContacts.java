package org.signpost.bot.focusgroup;

import com.microsoft.bot.builder.teams.TeamsInfo;
import com.microsoft.bot.schema.teams.TeamsChannelAccount;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.signpost.dialogs.focusgroup.chat.Contacts;
import org.signpost.dialogs.kernel.Turn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The address a person's Teams profile gives, from the connector's member lookup for this conversation
 * ({@code GET /v3/conversations/{conversation}/members/{user}}, the SDK's {@code TeamsInfo.getMember}): their
 * e-mail, else their user principal name. No Microsoft Graph. Anything else (another channel, a connector
 * that does not know the member, an error, no answer in time) gives none, and the sign-up goes on without.
 * The address is never logged, nor the answer's text.
 */
final class TeamsContacts implements Contacts {

    private static final Logger log = LoggerFactory.getLogger(TeamsContacts.class);

    private final Duration timeout;

    TeamsContacts(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Optional<String> of(Turn turn) {
        Turn.From from = turn.from();
        if (!"msteams".equals(from.channel()) || from.id() == null || from.id().isBlank()) {
            return Optional.empty();
        }
        try {
            TeamsChannelAccount member = TeamsInfo.getMember(turn.context(), from.id())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.ofNullable(member).flatMap(account -> Stream.of(account.getEmail(),
                    account.getUserPrincipalName()).filter(value -> value != null && !value.isBlank()).findFirst());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the kind of failure only: a connector's error text may quote the member it was asked about
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            log.info("No contact from the Teams profile ({}); the sign-up keeps the chat only",
                    cause.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
