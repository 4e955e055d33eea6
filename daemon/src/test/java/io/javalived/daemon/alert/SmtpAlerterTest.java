package io.javalived.daemon.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alerter never makes its callers wait, stays bounded, and gives up at stop within its drain time. */
class SmtpAlerterTest {
    private static final SmtpSettings SETTINGS = new SmtpSettings("127.0.0.1", 25, "h", "f@x", List.of("t@x"),
            Duration.ofSeconds(30), "lb01");

    private static void await(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).isLessThan(end);
            Thread.sleep(10);
        }
    }

    @Test
    void alertsReturnAtOnceWhileTheServerHangsAndGoOnceItAnswers() throws Exception {
        InMemoryMailTransport t = new InMemoryMailTransport();
        t.block();
        SmtpAlerter a = SmtpAlerter.start(SETTINGS, t, false);
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) a.alert("VRRP Instance VI_1 - Entering MASTER state", "body " + i);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(t.sent()).isEmpty();
        t.release();
        await(() -> t.sent().size() == 10);
        assertThat(t.sent().getFirst()).isEqualTo(new AlertMail("[lb01] VRRP Instance VI_1 - Entering MASTER state", "body 0"));
        a.close(Duration.ofSeconds(1));
    }

    @Test
    void theQueueIsBoundedAndTheRestIsDropped() throws Exception {
        InMemoryMailTransport t = new InMemoryMailTransport();
        t.block();
        SmtpAlerter a = SmtpAlerter.start(SETTINGS, t, false);
        for (int i = 0; i < SmtpAlerter.CAPACITY * 3; i++) a.alert("s", "b" + i);
        t.release();
        await(() -> t.sent().size() >= SmtpAlerter.CAPACITY);
        Thread.sleep(200);
        // one taken by the sender before the gate, plus a full queue
        assertThat(t.sent().size()).isBetween(SmtpAlerter.CAPACITY, SmtpAlerter.CAPACITY + 1);
        a.close(Duration.ofSeconds(1));
    }

    @Test
    void failuresDoNotStopLaterMails() throws Exception {
        InMemoryMailTransport t = new InMemoryMailTransport();
        t.failWith("SMTP connection ERROR to [127.0.0.1]:25.");
        SmtpAlerter a = SmtpAlerter.start(SETTINGS, t, false);
        a.alert("one", "b");
        a.alert("two", "b");
        Thread.sleep(200);
        t.failWith(null);
        a.alert("three", "b");
        await(() -> t.sent().size() == 1);
        assertThat(t.sent().getFirst().subject()).isEqualTo("[lb01] three");
        a.close(Duration.ofSeconds(1));
    }

    @Test
    void stopGivesQueuedMailsItsDrainTimeAndNoMore() throws Exception {
        InMemoryMailTransport t = new InMemoryMailTransport();
        SmtpAlerter a = SmtpAlerter.start(SETTINGS, t, false);
        a.alert("VRRP Instance VI_1 - Stopping", "=> VRRP Instance stopping <=");
        a.close(Duration.ofSeconds(5));
        assertThat(t.sent()).extracting(AlertMail::subject).containsExactly("[lb01] VRRP Instance VI_1 - Stopping");

        InMemoryMailTransport hung = new InMemoryMailTransport();
        hung.block();
        SmtpAlerter b = SmtpAlerter.start(SETTINGS, hung, false);
        b.alert("s", "b");
        long start = System.nanoTime();
        b.close(Duration.ofMillis(300));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        b.alert("after stop", "b");
        hung.release();
    }

    @Test
    void subjectAndBodyAreCutAsKeepalivedCutsThem() {
        AlertMail m = AlertMail.of("r", "s".repeat(400), "b".repeat(900) + "\nsecond line");
        assertThat(m.subject()).hasSize(AlertMail.MAX_SUBJECT);
        assertThat(m.body()).hasSize(AlertMail.MAX_BODY).doesNotContain("\n");
    }
}
