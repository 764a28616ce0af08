package org.signpost.bot;

import java.nio.file.Path;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
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

    /**
     * The trial, and a local account for the pages: its password's bcrypt hash at cost 4 (quick to check), its file
     * in {@code keys}, its roles (none given: the default, HR).
     */
    public void registerWithAccount(DynamicPropertyRegistry registry, String username, String password, Path keys,
            String... roles) {
        register(registry);
        registry.add("signpost.signin.local.username", () -> username);
        registry.add("signpost.signin.local.password-hash", () -> new BCryptPasswordEncoder(4).encode(password));
        registry.add("signpost.signin.local.account-file", () -> keys.resolve("hr-account").toString());
        for (int i = 0; i < roles.length; i++) {
            String role = roles[i];
            registry.add("signpost.signin.local.roles[" + i + "]", () -> role);
        }
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
