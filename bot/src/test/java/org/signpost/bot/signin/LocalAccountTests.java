package org.signpost.bot.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The local HR account made at first start: the password shown once, only a bcrypt hash kept, owner-only. */
class LocalAccountTests {

    @TempDir
    Path work;

    final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void aNewAccountPrintsItsPasswordOnceAndKeepsOnlyABcryptHashOwnerOnly() throws Exception {
        Path file = work.resolve("keys").resolve("hr-account");
        SignInSettings.Local settings = new SignInSettings.Local(null, null, file, List.of("hr"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        LocalAccount account = LocalAccount.resolve(settings, work.resolve("data"), new PrintStream(console, true,
                StandardCharsets.UTF_8));

        Matcher printed = Pattern.compile("password: (\\S+)").matcher(console.toString(StandardCharsets.UTF_8));
        assertThat(printed.find()).isTrue();
        String password = printed.group(1);
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        String stored = Files.readString(file);
        assertThat(stored).doesNotContain(password).startsWith("hr:$2");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(passwords.matches(password, account.loadUserByUsername("hr").getPassword())).isTrue();
        assertThat(account.loadUserByUsername("hr").getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_HR");

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        LocalAccount reloaded = LocalAccount.resolve(settings, work.resolve("data"), new PrintStream(again, true,
                StandardCharsets.UTF_8));
        assertThat(again.toString(StandardCharsets.UTF_8)).as("printed once only").isEmpty();
        assertThat(passwords.matches(password, reloaded.loadUserByUsername("hr").getPassword())).isTrue();
    }

    @Test
    void theAccountFileMayNotLiveInRedisDataFolder() {
        Path data = work.resolve("data");
        assertThatThrownBy(() -> LocalAccount.resolve(new SignInSettings.Local(null, null, data.resolve("hr-account"), List.of("hr")),
                data, System.out)).isInstanceOf(IllegalStateException.class).hasMessageContaining("data folder");
    }

    @Test
    void aConfiguredAccountNeedsABcryptHashNotAPassword() {
        assertThatThrownBy(() -> LocalAccount.resolve(new SignInSettings.Local("hr", "plain-text-password",
                work.resolve("x"), List.of("hr")), work.resolve("data"), System.out)).isInstanceOf(IllegalStateException.class);
    }
}
