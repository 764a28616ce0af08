package org.signpost.bot;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a test of the application as a local trial needs: a fake Teams connector on loopback, and a data
 * folder of its own for the embedded Redis (two servers must never share an append-only file), with the
 * app's generated keys beside it ({@code keys}).
 */
public final class LocalTrial implements AutoCloseable {

    private final FakeConnector connector = new FakeConnector();
    private final Path data;

    public LocalTrial(String name) {
        this.data = TestRedis.tempFolder(name).resolve("data");
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add("signpost.redis.data-folder", data::toString);
    }

    public FakeConnector connector() {
        return connector;
    }

    public Path data() {
        return data;
    }

    @Override
    public void close() {
        connector.close();
    }
}
