package org.signpost.bot.audit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which build made a report: the version ({@code META-INF/build-info.properties}, Spring Boot's build-info)
 * and the commit ({@code git.properties}, from the git-commit-id plugin). A build from a source tree without
 * git history has no commit, and the report says "unknown" rather than guessing.
 */
record Provenance(String version, String commit, String commitTime, boolean dirty) {

    static final String UNKNOWN = "unknown";

    static Provenance ofThisBuild() {
        Properties build = load("META-INF/build-info.properties");
        Properties git = load("git.properties");
        return new Provenance(build.getProperty("build.version", UNKNOWN), git.getProperty("git.commit.id", UNKNOWN),
                git.getProperty("git.commit.time", UNKNOWN), Boolean.parseBoolean(git.getProperty("git.dirty", "false")));
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = Provenance.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // an unreadable file is the same as none: the report says unknown
        }
        return properties;
    }
}
