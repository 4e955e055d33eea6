package io.javalived.daemon.reload;

import io.javalived.daemon.status.ReloadOutcome;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseOptions;
import io.javalived.parser.ParseResult;
import io.javalived.parser.model.KeepalivedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static io.javalived.daemon.reload.ReloadFixtures.LB01;
import static io.javalived.daemon.reload.ReloadFixtures.edit;
import static org.assertj.core.api.Assertions.assertThat;

class ReloadCoordinatorTest {
    @TempDir
    Path dir;

    final List<ReloadPlan> applied = new ArrayList<>();
    final List<ReloadOutcome> outcomes = new ArrayList<>();

    ReloadCoordinator coordinator(Path file, ReloadCoordinator.Target... targets) {
        ParseResult first = parse(file);
        return new ReloadCoordinator(() -> parse(file), ConfigSnapshots.of(first), List.of(targets),
                (o, p) -> outcomes.add(o), Clock.systemUTC());
    }

    static ParseResult parse(Path f) {
        return KeepalivedParser.parse(f, new ParseOptions("lb01", "lb01"));
    }

    ReloadCoordinator.Target recording(String name) {
        return new ReloadCoordinator.Target() {
            public String name() { return name; }
            public boolean handles(ReloadChange c) { return true; }
            public void apply(KeepalivedConfig next, ReloadPlan plan) { applied.add(plan); }
        };
    }

    void write(Path f, String text) {
        try {
            Files.writeString(f, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void fiftyReloadsOfAnUnchangedFileCallNobody() {
        Path f = dir.resolve("k.conf");
        write(f, LB01);
        ReloadCoordinator c = coordinator(f, recording("vrrp"), recording("checkers"));
        for (int i = 0; i < 50; i++) {
            assertThat(c.reload().applied()).isTrue();
        }
        assertThat(applied).isEmpty();
        assertThat(outcomes).hasSize(50).allMatch(o -> o.applied() && o.changes() == 0);
    }

    @Test
    void aChangeReachesEveryTargetOnceAndBecomesTheRunningConfiguration() {
        Path f = dir.resolve("k.conf");
        write(f, LB01);
        ReloadCoordinator c = coordinator(f, recording("vrrp"), recording("checkers"));
        write(f, edit(LB01, "weight 1", "weight 2"));
        ReloadOutcome o = c.reload();
        assertThat(o.applied()).isTrue();
        assertThat(o.changes()).isEqualTo(1);
        assertThat(applied).hasSize(2).allMatch(p -> p.changes().size() == 1);
        applied.clear();
        assertThat(c.reload().changes()).isZero();
        assertThat(applied).isEmpty();
    }

    @Test
    void aBrokenFileIsRefusedAndTheRunningConfigurationStays() {
        Path f = dir.resolve("k.conf");
        write(f, LB01);
        ReloadCoordinator c = coordinator(f, recording("vrrp"));
        ConfigSnapshot before = c.running();
        write(f, edit(LB01, "virtual_router_id 62", "virtual_router_id 300"));
        ReloadOutcome o = c.reload();
        assertThat(o.applied()).isFalse();
        assertThat(o.reasons()).anySatisfy(r -> assertThat(r).contains("k.conf:7"));
        assertThat(applied).isEmpty();
        assertThat(c.running()).isEqualTo(before);
    }

    @Test
    void aFailingTargetIsReportedAndTheOthersStillApply() {
        Path f = dir.resolve("k.conf");
        write(f, LB01);
        ReloadCoordinator c = coordinator(f, new ReloadCoordinator.Target() {
            public String name() { return "vrrp"; }
            public boolean handles(ReloadChange c) { return true; }
            public void apply(KeepalivedConfig next, ReloadPlan plan) { throw new IllegalStateException("socket gone"); }
        }, recording("checkers"));
        write(f, edit(LB01, "weight 1", "weight 2"));
        ReloadOutcome o = c.reload();
        assertThat(o.applied()).isFalse();
        assertThat(o.reasons()).containsExactly("vrrp: socket gone");
        assertThat(applied).hasSize(1);
    }

    @Test
    void aChangeNobodyHandlesIsNotAppliedAtAll() {
        Path f = dir.resolve("k.conf");
        write(f, LB01);
        ReloadCoordinator c = coordinator(f, new ReloadCoordinator.Target() {
            public String name() { return "checkers"; }
            public boolean handles(ReloadChange change) { return change.effect() == ReloadChange.Effect.IPVS; }
            public void apply(KeepalivedConfig next, ReloadPlan plan) { applied.add(plan); }
        });
        ConfigSnapshot before = c.running();
        write(f, edit(edit(LB01, "weight 1", "weight 2"), "priority 100", "priority 90"));
        ReloadOutcome o = c.reload();
        assertThat(o.applied()).isFalse();
        assertThat(o.reasons()).singleElement().asString().contains("restart", "priority: 100 -> 90");
        assertThat(applied).isEmpty();
        assertThat(c.running()).isEqualTo(before);
    }
}
