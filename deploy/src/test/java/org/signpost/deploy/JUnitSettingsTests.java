package org.signpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/** This module's tests run with the project's JUnit settings (one file, in dialogs' test resources). */
class JUnitSettingsTests {

    @RegisterExtension
    final Settings settings = new Settings();

    @Test
    void aTestThatHangsFailsAfterTheDefaultTimeoutWithAThreadDump() {
        assertThat(settings.timeout).isPresent();
        assertThat(settings.threadDump).hasValue("true");
    }

    static final class Settings implements BeforeEachCallback {
        Optional<String> timeout = Optional.empty();
        Optional<String> threadDump = Optional.empty();

        @Override
        public void beforeEach(ExtensionContext context) {
            timeout = context.getConfigurationParameter("junit.jupiter.execution.timeout.testable.method.default");
            threadDump = context.getConfigurationParameter("junit.jupiter.execution.timeout.threaddump.enabled");
        }
    }
}
