package org.signpost.bot.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Build step (exec-maven-plugin, after compiling): writes {@code git.properties} with the commit the build
 * was made from, whether the tree had uncommitted changes, and the commit's time, by asking git itself (so a
 * linked worktree names its own commit, which the git-commit-id plugin does not). Without git, or outside a
 * git checkout, it writes nothing and the report says the commit is unknown. Arguments: the classes folder,
 * the repository's top folder.
 */
public final class BuildCommit {

    private BuildCommit() {
    }

    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        Path top = Path.of(args[1]);
        Path file = classes.resolve("git.properties");
        Files.deleteIfExists(file);
        Optional<String> commit = git(top, "rev-parse", "HEAD").filter(id -> id.matches("[0-9a-f]{40}"));
        if (commit.isEmpty()) {
            System.getLogger(BuildCommit.class.getName()).log(System.Logger.Level.INFO,
                    "No git commit found; the privacy audit's reports will name none");
            return;
        }
        String time = git(top, "show", "-s", "--format=%ct", "HEAD").map(seconds ->
                Instant.ofEpochSecond(Long.parseLong(seconds)).toString()).orElse(Provenance.UNKNOWN);
        boolean dirty = git(top, "status", "--porcelain", "--untracked-files=no").map(status -> !status.isEmpty())
                .orElse(true);
        Files.writeString(file, "git.commit.id=" + commit.get() + "\ngit.commit.time=" + time.replace(":", "\\:")
                + "\ngit.dirty=" + dirty + "\n", StandardCharsets.ISO_8859_1);
    }

    private static Optional<String> git(Path top, String... command) {
        String[] full = new String[command.length + 3];
        full[0] = "git";
        full[1] = "-C";
        full[2] = top.toString();
        System.arraycopy(command, 0, full, 3, command.length);
        try {
            Process git = new ProcessBuilder(full).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
