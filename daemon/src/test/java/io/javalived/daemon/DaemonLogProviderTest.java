package io.javalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import io.javalived.daemon.log.ConsoleLineEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SLF4J provider the process names: the logger context logback's provider would give, set up by LogSetup. */
class DaemonLogProviderTest {
    @TempDir
    Path dir;

    @Test
    void aContextAsLogSetupConfiguresIt() {
        DaemonLogProvider p = new DaemonLogProvider();
        p.initialize();
        LoggerContext c = (LoggerContext) p.getLoggerFactory();
        assertThat(c.getName()).isEqualTo("default");
        assertThat(c.isStarted()).isTrue();
        Logger root = c.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("CONSOLE")).isInstanceOfSatisfying(ConsoleAppender.class,
                a -> assertThat(a.getEncoder()).isInstanceOf(ConsoleLineEncoder.class));
        assertThat(c.getLogger("io.javalived").getEffectiveLevel())
                .isEqualTo(Level.toLevel(System.getProperty("javalived.log.level"), Level.INFO));
        assertThat(p.getMDCAdapter()).isSameAs(c.getMDCAdapter()).isNotNull();
        assertThat(p.getMarkerFactory().getMarker("m").getName()).isEqualTo("m");
        assertThat(p.getRequestedApiVersion()).startsWith("2.0");
    }

    @Test
    void aLogbackFileGivenOnTheCommandLineStillWins() throws Exception {
        Path xml = Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="FROM_FILE" class="ch.qos.logback.core.read.ListAppender"/>
                  <root level="ERROR"><appender-ref ref="FROM_FILE"/></root>
                </configuration>
                """);
        String saved = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", xml.toString());
        try {
            DaemonLogProvider p = new DaemonLogProvider();
            p.initialize();
            Logger root = ((LoggerContext) p.getLoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
            assertThat(root.getLevel()).isEqualTo(Level.ERROR);
            assertThat(root.getAppender("FROM_FILE")).isNotNull();
            assertThat(root.getAppender("CONSOLE")).isNull();
        } finally {
            if (saved == null) System.clearProperty("logback.configurationFile");
            else System.setProperty("logback.configurationFile", saved);
        }
    }

    @Test
    void selectKeepsAProviderOrVerbosityTheCommandLineNamed() {
        String provider = System.getProperty(DaemonLogProvider.PROVIDER_PROPERTY);
        String verbosity = System.getProperty(DaemonLogProvider.VERBOSITY_PROPERTY);
        try {
            System.setProperty(DaemonLogProvider.PROVIDER_PROPERTY, "some.other.Provider");
            System.clearProperty(DaemonLogProvider.VERBOSITY_PROPERTY);
            DaemonLogProvider.select();
            assertThat(System.getProperty(DaemonLogProvider.PROVIDER_PROPERTY)).isEqualTo("some.other.Provider");
            assertThat(System.getProperty(DaemonLogProvider.VERBOSITY_PROPERTY)).isNull();

            System.clearProperty(DaemonLogProvider.PROVIDER_PROPERTY);
            System.setProperty(DaemonLogProvider.VERBOSITY_PROPERTY, "DEBUG");
            DaemonLogProvider.select();
            assertThat(System.getProperty(DaemonLogProvider.PROVIDER_PROPERTY)).isEqualTo(DaemonLogProvider.class.getName());
            assertThat(System.getProperty(DaemonLogProvider.VERBOSITY_PROPERTY)).isEqualTo("DEBUG");

            System.clearProperty(DaemonLogProvider.PROVIDER_PROPERTY);
            System.clearProperty(DaemonLogProvider.VERBOSITY_PROPERTY);
            DaemonLogProvider.select();
            assertThat(System.getProperty(DaemonLogProvider.VERBOSITY_PROPERTY)).isEqualTo("WARN");
        } finally {
            restore(DaemonLogProvider.PROVIDER_PROPERTY, provider);
            restore(DaemonLogProvider.VERBOSITY_PROPERTY, verbosity);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }
}
