package org.signpost.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository, found from the module folder Maven runs the tests in. */
final class Repository {

    private Repository() {
    }

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isDirectory(dir.resolve("resources"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Not inside the Signpost repository: " + here);
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }
}
