package io.javalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A subsystem that fails to set up or to start is one log line naming it and why, as the daemon's console prints
 * it (LogSetup's pattern); the stack trace only at DEBUG (-D). The others start.
 */
class SubsystemStarterTest {
    final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    Logger logger;
    OutputStreamAppender<ILoggingEvent> appender;
    Level savedLevel;

    @BeforeEach
    void capture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(LogSetup.PATTERN);
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(screen);
        appender.start();
        logger = context.getLogger(SubsystemStarter.class);
        savedLevel = logger.getLevel();
        logger.setAdditive(false);
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setAdditive(true);
        logger.setLevel(savedLevel);
    }

    record Fake(String name, RuntimeException onStart, List<String> log) implements Subsystem {
        @Override
        public void start() {
            if (onStart != null) {
                throw onStart;
            }
            log.add(name + " running");
        }

        @Override
        public void stop() {}
    }

    List<Subsystem> startAll(List<String> log) {
        var cannotSetUp = new SubsystemStarter.Named("VRRP", (c, o, d) -> {
            throw new IllegalStateException("cannot open the VRRP socket on eth0",
                    new RuntimeException("socket(AF_INET, type 3, protocol 112): EPERM (Operation not permitted)"));
        });
        var cannotStart = new SubsystemStarter.Named("Checkers",
                (c, o, d) -> Optional.of(new Fake("Checkers", new IllegalArgumentException(), log)));
        var fine = new SubsystemStarter.Named("Other", (c, o, d) -> Optional.of(new Fake("Other", null, log)));
        return SubsystemStarter.startAll(List.of(cannotSetUp, cannotStart, fine), null, null, null, s -> log.add("started " + s.name()));
    }

    @Test
    void aFailureIsOneLineNamingWhatFailedAndWhy() {
        logger.setLevel(Level.INFO);
        List<String> log = new ArrayList<>();
        List<Subsystem> started = startAll(log);
        assertThat(started).extracting(Subsystem::name).containsExactly("Other");
        assertThat(log).containsExactly("Other running", "started Other");
        List<String> lines = screen.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).endsWith(" ERROR VRRP cannot be set up: cannot open the VRRP socket on eth0; "
                + "cause: socket(AF_INET, type 3, protocol 112): EPERM (Operation not permitted)");
        assertThat(lines.get(1)).endsWith(" ERROR Checkers did not start: IllegalArgumentException");
        assertThat(lines.get(2)).endsWith(" INFO  Other started");
    }

    @Test
    void theStackTraceIsThereAtDebugOnly() {
        logger.setLevel(Level.DEBUG);
        startAll(new ArrayList<>());
        String out = screen.toString(StandardCharsets.UTF_8);
        assertThat(out).contains(" ERROR VRRP cannot be set up: ", " DEBUG VRRP set-up failure\njava.lang.IllegalStateException: "
                + "cannot open the VRRP socket on eth0", "\tat io.javalived.daemon.SubsystemStarterTest",
                " DEBUG Checkers start failure\njava.lang.IllegalArgumentException");
    }
}
