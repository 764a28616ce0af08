package org.signpost.bot.connector;

import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.restclient.RestClient;
import com.microsoft.bot.restclient.ServiceResponseBuilder;
import com.microsoft.bot.restclient.credentials.ServiceClientCredentials;
import com.microsoft.bot.restclient.retry.RetryStrategy;
import com.microsoft.bot.restclient.serializer.JacksonAdapter;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;

/**
 * Connector clients that share one HTTP client: its timeouts, its connections, a bound on the calls in
 * flight, and one {@link RetryInterceptor}. The SDK would give each service URL a client of its own with
 * a two-minute read timeout, unbounded calls, and retries of any 5xx with no wait.
 */
public final class ConnectorClients implements AutoCloseable {

    /** The SDK's own retry handler stays out of the way: ours decides. */
    private static final RetryStrategy SDK_NEVER_RETRIES = new RetryStrategy("none", false) {
        @Override
        public boolean shouldRetry(int retryCount, okhttp3.Response response) {
            return false;
        }
    };

    private final ConnectorSettings settings;
    private final OkHttpClient shared;

    public ConnectorClients(ConnectorSettings settings, Interceptor retries) {
        this.settings = settings;
        // the dispatcher runs at most this many calls at once (its threads follow); the rest wait in its queue
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(settings.maxConcurrentCalls());
        dispatcher.setMaxRequestsPerHost(settings.maxConcurrentCalls());
        this.shared = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(settings.maxConcurrentCalls(), 5, TimeUnit.MINUTES))
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .addInterceptor(retries)
                .build();
    }

    /** A client for one service URL, sending with these credentials. */
    public RestConnectorClient create(String serviceUrl, ServiceClientCredentials credentials) {
        RestClient rest = new RestClient.Builder(shared.newBuilder(), new Retrofit.Builder())
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

    /** How long a sender waits for one call at most: the call's own timeout, and a little for its queueing. */
    public long waitMillis() {
        return settings.callTimeout().toMillis() + settings.connectTimeout().toMillis();
    }

    @Override
    public void close() {
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
    }
}
