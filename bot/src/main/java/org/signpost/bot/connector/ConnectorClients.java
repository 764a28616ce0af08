package org.signpost.bot.connector;

import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.restclient.RestClient;
import com.microsoft.bot.restclient.ServiceResponseBuilder;
import com.microsoft.bot.restclient.credentials.ServiceClientCredentials;
import com.microsoft.bot.restclient.retry.RetryStrategy;
import com.microsoft.bot.restclient.serializer.JacksonAdapter;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ResourceResponse;
import com.microsoft.bot.schema.Serialization;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;

/**
 * Connector clients that share one HTTP client's settings: its timeouts, its connections (in a few pools,
 * {@link ConnectionPools}), a bound on the calls in flight, and one {@link RetryInterceptor}. The SDK would give
 * each service URL a client of its own with a two-minute read timeout, unbounded calls, and retries of any 5xx
 * with no wait.
 *
 * <p>Activities are posted by {@link #send} on the caller's thread, written by {@link ActivityJson}: the SDK's
 * client would hop to another thread for each, and its serializer rebuilds every activity as a tree and matches a
 * regular expression per field (a third of a reply's cost in the load harness's profile).
 */
public final class ConnectorClients implements AutoCloseable {

    /** The SDK's own retry handler stays out of the way: ours decides. */
    private static final RetryStrategy SDK_NEVER_RETRIES = new RetryStrategy("none", false) {
        @Override
        public boolean shouldRetry(int retryCount, Response response) {
            return false;
        }
    };

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /**
     * The SDK's own mapper's settings ({@link Serialization}'s), writing straight to bytes: the SDK's gives a
     * String, which the request body then copies into bytes again. A character beyond the BMP (an emoji) is
     * written as its UTF-8 bytes, as the String's encoding wrote it, not as an escaped surrogate pair.
     */
    static final ObjectMapper WIRE = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .findAndAddModules()
            .build();

    private final ConnectorSettings settings;
    private final ConnectionPools pools;
    private final Semaphore calls;
    private final ServiceUrls serviceUrls = new ServiceUrls();

    public ConnectorClients(ConnectorSettings settings, Interceptor retries) {
        this.settings = settings;
        // the bound on calls in flight, all pools together; a caller waits at most the call timeout for one
        this.calls = new Semaphore(settings.maxConcurrentCalls());
        this.pools = new ConnectionPools(new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .addInterceptor(retries)
                .build(), settings.maxConcurrentCalls());
    }

    /** The pools the calls are spread over (for tests). */
    ConnectionPools pools() {
        return pools;
    }

    /** A client for one service URL, sending with these credentials. */
    public RestConnectorClient create(String serviceUrl, ServiceClientCredentials credentials) {
        RestClient rest = new RestClient.Builder(pools.first().newBuilder(), new Retrofit.Builder())
                .withBaseUrl(serviceUrl)
                .withCredentials(credentials)
                .withSerializerAdapter(new JacksonAdapter())
                .withResponseBuilderFactory(new ServiceResponseBuilder.Factory())
                .withRetryStrategy(SDK_NEVER_RETRIES)
                // the SDK's builder sets its own (60 s and 120 s): ours again
                .withConnectionTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withReadTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        return new RestConnectorClient(rest);
    }

    /**
     * Posts an activity to its conversation (as a reply when it names the activity it answers), on this
     * thread, through the shared client and its retries; waits for a free call at most the call timeout.
     */
    public ResourceResponse send(String serviceUrl, AppCredentials credentials, Activity activity)
            throws IOException, InterruptedException {
        return post(serviceUrl, credentials, activity, false);
    }

    /**
     * Posts once, with no retry here: for a sender that keeps its own schedule of attempts (a broadcast,
     * which must count every attempt against the tenant's rate). A refusal names its status and any
     * {@code Retry-After}.
     */
    public ResourceResponse sendOnce(String serviceUrl, AppCredentials credentials, Activity activity)
            throws IOException, InterruptedException {
        return post(serviceUrl, credentials, activity, true);
    }

    private ResourceResponse post(String serviceUrl, AppCredentials credentials, Activity activity, boolean once)
            throws IOException, InterruptedException {
        HttpUrl.Builder url = serviceUrls.of(serviceUrl).newBuilder().addPathSegments("v3/conversations")
                .addPathSegment(activity.getConversation().getId()).addPathSegment("activities");
        if (activity.getReplyToId() != null && !activity.getReplyToId().isEmpty()) {
            url.addPathSegment(activity.getReplyToId());
        }
        PostBody body = PostBody.take();
        try {
            ActivityJson.write(activity, body);
            // the body is read from the buffer only within this call (its retries too): the call is made, and
            // every attempt of it written, on this thread
            Request.Builder request = new Request.Builder().url(url.build())
                    .post(RequestBody.create(body.bytes(), JSON, 0, body.size()));
            if (once) {
                request.tag(RetryInterceptor.Once.class, RetryInterceptor.Once.INSTANCE);
            }
            return new ResourceResponse(call(request, credentials, ConnectorAnswers::idOf));
        } finally {
            body.release();
        }
    }

    /**
     * A call to the connector other than posting an activity (a team's roster, a new conversation), through
     * the shared client and its retries. Answers the body read as JSON (null when empty); a refusal names
     * its status and any {@code Retry-After}, never the body.
     *
     * @param path  below the service URL, e.g. {@code v3/conversations}
     * @param query parameters, in order; a null value leaves the parameter out
     * @param body  JSON to post, or null for a GET
     */
    public JsonNode call(String serviceUrl, AppCredentials credentials, List<String> path, Map<String, String> query,
            Object body) throws IOException, InterruptedException {
        HttpUrl.Builder url = serviceUrls.of(serviceUrl).newBuilder();
        path.forEach(url::addPathSegment);
        query.forEach((name, value) -> {
            if (value != null) {
                url.addQueryParameter(name, value);
            }
        });
        Request.Builder request = new Request.Builder().url(url.build());
        if (body != null) {
            request.post(RequestBody.create(WIRE.writeValueAsBytes(body), JSON));
        }
        return call(request, credentials, ConnectorAnswers::tree);
    }

    /** What a call reads of the connector's answer. */
    @FunctionalInterface
    private interface Answer<T> {
        T read(byte[] body) throws IOException;
    }

    private <T> T call(Request.Builder request, AppCredentials credentials, Answer<T> answer)
            throws IOException, InterruptedException {
        if (credentials != null && credentials.getAppId() != null && !credentials.getAppId().isBlank()) {
            request.header("Authorization", "Bearer " + token(credentials));
        }
        if (!calls.tryAcquire(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ConnectorException("Every outbound call is in use");
        }
        try (Response response = pools.mine().newCall(request.build()).execute()) {
            if (!response.isSuccessful()) {
                // the body is never quoted: what a connector says about a conversation stays out of logs
                throw new ConnectorException("The connector answered " + response.code(), response.code(),
                        RetryPolicy.parseRetryAfter(response.header("Retry-After"), Instant.now()));
            }
            // JSON's bytes read as they are (Jackson detects the encoding): reading them as a String parsed the
            // Content-Type for its charset first
            return answer.read(response.body().bytes());
        } finally {
            calls.release();
        }
    }

    private String token(AppCredentials credentials) throws IOException, InterruptedException {
        try {
            return credentials.getToken().get(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConnectorException("No token for the connector", e);
        }
    }

    /** A call to the connector that did not deliver. */
    public static final class ConnectorException extends IOException {
        private final int status;
        private final Optional<Duration> retryAfter;

        ConnectorException(String message) {
            this(message, 0, Optional.empty());
        }

        ConnectorException(String message, int status, Optional<Duration> retryAfter) {
            super(message);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        ConnectorException(String message, Throwable cause) {
            super(message, cause);
            this.status = 0;
            this.retryAfter = Optional.empty();
        }

        /** The connector's HTTP status, or 0 if it gave none. */
        public int status() {
            return status;
        }

        /** How long the connector asked callers to wait, if it did. */
        public Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

    @Override
    public void close() {
        pools.close();
    }
}
