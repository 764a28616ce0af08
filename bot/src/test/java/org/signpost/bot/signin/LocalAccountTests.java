package org.signpost.bot.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The local HR account made at first start: the password shown once, only a bcrypt hash kept, owner-only; made
 * after the start (off its path), a sign-in before then making it or waiting for it.
 */
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
        assertThat(console.size()).as("nothing shown before the hash is stored").isZero();
        assertThat(file).doesNotExist();
        account.create();
        account.create();

        Matcher printed = Pattern.compile("password: (\\S+)").matcher(console.toString(StandardCharsets.UTF_8));
        assertThat(printed.find()).isTrue();
        String password = printed.group(1);
        assertThat(printed.find()).as("printed once").isFalse();
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
    void aSignInBeforeTheNewAccountIsMadeMakesItOrWaitsForIt() throws Exception {
        Path file = work.resolve("keys").resolve("hr-account");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CountDownLatch release = new CountDownLatch(1);
        PrintStream console = new PrintStream(OutputStream.nullOutputStream()) {
            @Override
            public void println(String line) {
                lines.add(line);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        LocalAccount account = LocalAccount.resolve(new SignInSettings.Local(null, null, file, List.of("hr")),
                work.resolve("data"), console);
        DaoAuthenticationProvider signIn = new DaoAuthenticationProvider(account);
        signIn.setPasswordEncoder(passwords);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // the background creation, held just after the hash is stored, as its password is being shown
            Future<?> creation = threads.submit(account::create);
            String first = lines.poll(30, TimeUnit.SECONDS);
            assertThat(first).contains("local HR account was created");
            assertThat(Files.readString(file)).startsWith("hr:$2a$12$");
            Future<Authentication> early = threads.submit(() -> signIn.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated("hr", "not-the-password")));
            assertThatThrownBy(() -> early.get(300, TimeUnit.MILLISECONDS)).as("waits for the creation")
                    .isInstanceOf(TimeoutException.class);

            release.countDown();
            creation.get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> early.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(BadCredentialsException.class);
            String password = lines.stream().filter(line -> line.startsWith("  password: ")).findFirst().orElseThrow()
                    .substring("  password: ".length());
            assertThat(signIn.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("hr", password))
                    .getAuthorities()).extracting(Object::toString).contains("ROLE_HR");
        } finally {
            release.countDown();
            threads.shutdownNow();
        }

        // no background creation at all: the first sign-in makes the account
        Path other = work.resolve("other-keys").resolve("hr-account");
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        LocalAccount unmade = LocalAccount.resolve(new SignInSettings.Local(null, null, other, List.of("hr")),
                work.resolve("data"), new PrintStream(shown, true, StandardCharsets.UTF_8));
        DaoAuthenticationProvider firstSignIn = new DaoAuthenticationProvider(unmade);
        firstSignIn.setPasswordEncoder(passwords);
        assertThatThrownBy(() -> firstSignIn.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("hr",
                "wrong"))).isInstanceOf(BadCredentialsException.class);
        Matcher printed = Pattern.compile("password: (\\S+)").matcher(shown.toString(StandardCharsets.UTF_8));
        assertThat(printed.find()).isTrue();
        assertThat(firstSignIn.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("hr",
                printed.group(1))).isAuthenticated()).isTrue();
        unmade.create();
        assertThat(printed.find()).as("made and shown once").isFalse();
    }

    @Test
    void aStartStoppedBeforeTheHashWasStoredLeavesNoPartialFileBehindTheNext() throws Exception {
        Path file = work.resolve("keys").resolve("hr-account");
        SignInSettings.Local settings = new SignInSettings.Local(null, null, file, List.of("hr"));
        LocalAccount.resolve(settings, work.resolve("data"), System.out);
        LocalAccount.resolve(settings, work.resolve("data"), System.out);
        try (var left = Files.list(file.getParent())) {
            assertThat(left).hasSize(1);
        }
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
