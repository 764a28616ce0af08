package org.signpost.bot.signin;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The local HR account of the embedded default and local trials: configured (a bcrypt hash), or made at
 * first start with a random password that is printed once on the console (not through the logging
 * system, so no log file keeps it) and kept only as a bcrypt hash in an owner-only file outside Redis's
 * data folder.
 *
 * <p>A new account's bcrypt hash (strength 12, a few tenths of a second of CPU) is not made on the start's
 * path: {@link #create()} makes it, stores it and only then prints the password; the configuration runs it once
 * the bot is ready (docs/benchmarks.md, "Start-up"). A sign-in that comes first makes it itself, or waits for it.
 * The folder and an owner-only file to write the hash into are made at start, so a folder the bot cannot write to
 * still stops the start.
 */
final class LocalAccount implements UserDetailsService {

    static final String GENERATED_USERNAME = "hr";
    static final int BCRYPT_STRENGTH = 12;
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final FutureTask<Optional<UserDetails>> account;

    private LocalAccount(Callable<Optional<UserDetails>> account) {
        this.account = new FutureTask<>(account);
    }

    static LocalAccount none() {
        return made(Optional.empty());
    }

    private static LocalAccount made(Optional<UserDetails> account) {
        LocalAccount made = new LocalAccount(() -> account);
        made.create();
        return made;
    }

    static LocalAccount resolve(SignInSettings.Local settings, Path redisDataFolder, PrintStream console) {
        if (settings.username() != null && !settings.username().isBlank()) {
            if (settings.passwordHash() == null || !settings.passwordHash().matches("(\\{bcrypt})?\\$2[aby]?\\$.+")) {
                throw new IllegalStateException("signpost.signin.local.password-hash must be a bcrypt hash");
            }
            return made(of(settings.username(), settings.passwordHash(), settings.roles()));
        }
        Path file = settings.accountFile().toAbsolutePath().normalize();
        if (file.startsWith(redisDataFolder.toAbsolutePath().normalize())) {
            throw new IllegalStateException("The local account file must not be inside Redis's data folder");
        }
        try {
            if (Files.exists(file)) {
                String[] line = Files.readString(file, StandardCharsets.UTF_8).strip().split(":", 2);
                return made(of(line[0], line[1], settings.roles()));
            }
            Files.createDirectories(file.getParent());
            ownerOnly(file.getParent(), "rwx------");
            // a start stopped before the hash was stored leaves its partial file
            try (DirectoryStream<Path> stale = Files.newDirectoryStream(file.getParent(), "hr-account*.new")) {
                for (Path left : stale) {
                    Files.deleteIfExists(left);
                }
            }
            Path partial = Files.createTempFile(file.getParent(), "hr-account", ".new");
            ownerOnly(partial, "rw-------");
            return new LocalAccount(() -> generate(file, partial, settings.roles(), console));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the local HR account in " + file.getParent(), e);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalStateException("The local account file " + file + " is not username:hash");
        }
    }

    private static Optional<UserDetails> generate(Path file, Path partial, List<String> roles, PrintStream console)
            throws IOException {
        String password = randomPassword();
        String hash = new BCryptPasswordEncoder(BCRYPT_STRENGTH).encode(password);
        Files.writeString(partial, GENERATED_USERNAME + ":" + hash + "\n", StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        console.println();
        console.println("Signpost: a local HR account was created for the results pages (/hr).");
        console.println("  username: " + GENERATED_USERNAME);
        console.println("  password: " + password);
        console.println("This password is shown only now; only a hash of it is kept. Delete " + file);
        console.println("and restart to make a new one.");
        console.println();
        return of(GENERATED_USERNAME, hash, roles);
    }

    /**
     * Makes a new account's hash, stores it and prints the password, once; another thread calling meanwhile
     * waits for it. Nothing to do for a configured or stored account.
     *
     * @throws IllegalStateException when the hash could not be stored (the password was not shown)
     */
    void create() {
        account();
    }

    private Optional<UserDetails> account() {
        account.run();
        try {
            return account.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the local HR account was being created", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The local HR account could not be created", e.getCause());
        }
    }

    private static Optional<UserDetails> of(String username, String hash, List<String> roles) {
        String encoded = hash.startsWith("{") ? hash : "{bcrypt}" + hash;
        return Optional.of(User.withUsername(username).password(encoded)
                .authorities(roles.stream().map(role -> new SimpleGrantedAuthority(Role.named(role).authority()))
                        .toList()).build());
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return account().filter(user -> user.getUsername().equals(username))
                .map(user -> User.withUserDetails(user).build())
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
