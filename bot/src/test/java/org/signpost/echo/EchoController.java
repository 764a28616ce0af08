package org.signpost.echo;

import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The SDK's sample controller, rewritten for Spring 7 (the SDK's own fails there) and Jackson 2 bodies. */
@RestController
final class EchoController {

    private final BotFrameworkHttpAdapter adapter;
    private final EchoBotApplication.EchoBot bot;

    EchoController(BotFrameworkHttpAdapter adapter, EchoBotApplication.EchoBot bot) {
        this.adapter = adapter;
        this.bot = bot;
    }

    @PostMapping("/api/messages")
    CompletableFuture<ResponseEntity<Object>> incoming(@RequestBody byte[] body,
            @RequestHeader(value = "Authorization", defaultValue = "") String authorization) throws IOException {
        Activity activity = Serialization.treeToValue(Serialization.jsonToTree(new String(body, StandardCharsets.UTF_8)),
                Activity.class);
        try {
            return adapter.processIncomingActivity(authorization, activity, bot).handle((invoke, error) -> {
                if (error == null) {
                    return invoke == null ? ResponseEntity.ok().build()
                            : ResponseEntity.status(invoke.getStatus()).body(invoke.getBody());
                }
                return ResponseEntity.status(unwrap(error) instanceof AuthenticationException
                        ? HttpStatus.UNAUTHORIZED : HttpStatus.INTERNAL_SERVER_ERROR).build();
            });
        } catch (AuthenticationException e) {
            return CompletableFuture.completedFuture(ResponseEntity.status(HttpStatus.UNAUTHORIZED).build());
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
