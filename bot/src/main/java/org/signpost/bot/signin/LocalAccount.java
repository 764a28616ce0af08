package org.signpost.bot.signin;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
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
 */
final class LocalAccount implements UserDetailsService {

    static final String GENERATED_USERNAME = "hr";
    static final int BCRYPT_STRENGTH = 12;
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Optional<UserDetails> account;

    private LocalAccount(Optional<UserDetails> account) {
        this.account = account;
    }

    static LocalAccount none() {
        return new LocalAccount(Optional.empty());
    }

    static LocalAccount resolve(SignInSettings.Local settings, Path redisDataFolder, PrintStream console) {
        if (settings.username() != null && !settings.username().isBlank()) {
            if (settings.passwordHash() == null || !settings.passwordHash().matches("(\\{bcrypt})?\\$2[aby]?\\$.+")) {
                throw new IllegalStateException("signpost.signin.local.password-hash must be a bcrypt hash");
            }
            return of(settings.username(), settings.passwordHash(), settings.roles());
        }
        Path file = settings.accountFile().toAbsolutePath().normalize();
        if (file.startsWith(redisDataFolder.toAbsolutePath().normalize())) {
            throw new IllegalStateException("The local account file must not be inside Redis's data folder");
        }
        try {
            if (Files.exists(file)) {
                String[] line = Files.readString(file, StandardCharsets.UTF_8).strip().split(":", 2);
                return of(line[0], line[1], settings.roles());
            }
            String password = randomPassword();
            String hash = new BCryptPasswordEncoder(BCRYPT_STRENGTH).encode(password);
            Files.createDirectories(file.getParent());
            ownerOnly(file.getParent(), "rwx------");
            Path partial = Files.createTempFile(file.getParent(), "hr-account", ".new");
            ownerOnly(partial, "rw-------");
            Files.writeString(partial, GENERATED_USERNAME + ":" + hash + "\n", StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            console.println();
            console.println("Signpost: a local HR account was created for the results pages (/hr).");
            console.println("  username: " + GENERATED_USERNAME);
            console.println("  password: " + password);
            console.println("This password is shown only now; only a hash of it is kept. Delete " + file);
            console.println("and restart to make a new one.");
            console.println();
            return of(GENERATED_USERNAME, hash, settings.roles());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the local HR account in " + file.getParent(), e);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalStateException("The local account file " + file + " is not username:hash");
        }
    }

    private static LocalAccount of(String username, String hash, List<String> roles) {
        String encoded = hash.startsWith("{") ? hash : "{bcrypt}" + hash;
        return new LocalAccount(Optional.of(User.withUsername(username).password(encoded)
                .authorities(roles.stream().map(role -> new SimpleGrantedAuthority(Role.named(role).authority()))
                        .toList()).build()));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return account.filter(user -> user.getUsername().equals(username))
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
