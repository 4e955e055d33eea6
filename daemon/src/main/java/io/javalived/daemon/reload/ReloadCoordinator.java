package io.javalived.daemon.reload;

import io.javalived.daemon.status.ReloadOutcome;
import io.javalived.parser.ParseResult;
import io.javalived.parser.model.KeepalivedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * One reload (SIGHUP): parse the file again, plan against what runs, and either refuse (log every reason,
 * keep everything) or hand the plan to each subsystem that has a change of its own in it (VRRP: instances and
 * VIPs; checkers: virtual and real servers), which applies exactly those differences. Before any applies,
 * every subsystem may refuse the new configuration (VRRP: an instance it could not run), so a reload is never
 * half applied. A plan with a change no running subsystem handles (a first virtual server while the checkers
 * do not run, say) is not applied at all and says a restart is needed. An empty plan calls nobody: 50 reloads
 * of an unchanged file touch nothing. Reloads are serialised.
 */
public final class ReloadCoordinator {
    private static final Logger log = LoggerFactory.getLogger(ReloadCoordinator.class);

    /** A subsystem that applies its part of a plan (VRRP: instances and VIPs; checkers: services and real servers). */
    public interface Target {
        String name();

        /** Whether it applies this kind of change (VRRP: instances, VIPs and their settings; checkers: the rest). */
        boolean handles(ReloadChange change);

        /**
         * Why it could not run {@code next} while the running configuration ran (each naming the place); asked of
         * every target before any applies, so a reload is refused whole rather than half applied.
         */
        default List<String> refusals(KeepalivedConfig next) {
            return List.of();
        }

        /** Applies the changes that concern it; throws when it could not (the others still run). */
        void apply(KeepalivedConfig next, ReloadPlan plan) throws Exception;
    }

    private final Supplier<ParseResult> parse;
    private final List<Target> targets;
    private final BiConsumer<ReloadOutcome, ParseResult> onOutcome;
    private final Clock clock;
    private ConfigSnapshot running;

    /**
     * @param parse     parses the configuration file again (same file, same config id)
     * @param running   the snapshot of what runs now
     * @param onOutcome told of every outcome, with the parse (the run path updates its state file and dump
     *                  paths when applied)
     */
    public ReloadCoordinator(Supplier<ParseResult> parse, ConfigSnapshot running, List<Target> targets,
                             BiConsumer<ReloadOutcome, ParseResult> onOutcome, Clock clock) {
        this.parse = parse;
        this.running = running;
        this.targets = List.copyOf(targets);
        this.onOutcome = onOutcome;
        this.clock = clock;
    }

    public synchronized ReloadOutcome reload() {
        log.info("Reloading the configuration");
        ParseResult next = parse.get();
        ReloadPlan plan = ReloadPlanner.plan(running, next);
        plan.warnings().forEach(w -> log.warn("reload: {}", w));
        ReloadOutcome outcome;
        if (plan.isRefused()) {
            plan.refusals().forEach(r -> log.error("reload refused: {}", r));
            log.error("Reload refused: the running configuration stays ({} error(s))", plan.refusals().size());
            outcome = new ReloadOutcome(clock.instant(), false, 0, plan.refusals());
        } else if (plan.changes().isEmpty()) {
            log.info("Reload: nothing changed");
            running = ConfigSnapshots.of(next);
            outcome = new ReloadOutcome(clock.instant(), true, 0, List.of());
        } else if (plan.changes().stream().anyMatch(c -> targets.stream().noneMatch(t -> t.handles(c)))) {
            // Nothing is applied rather than half: a change no running subsystem can take needs a restart.
            List<String> reasons = plan.changes().stream().filter(c -> targets.stream().noneMatch(t -> t.handles(c)))
                    .map(c -> "no running subsystem applies this on reload (restart javalived to apply it): " + c.describe())
                    .toList();
            reasons.forEach(r -> log.error("reload not applied: {}", r));
            outcome = new ReloadOutcome(clock.instant(), false, 0, reasons);
        } else if (targets.stream().anyMatch(t -> !t.refusals(next.config()).isEmpty())) {
            List<String> reasons = targets.stream().flatMap(t -> t.refusals(next.config()).stream()).toList();
            reasons.forEach(r -> log.error("reload refused: {}", r));
            log.error("Reload refused: the running configuration stays ({} problem(s))", reasons.size());
            outcome = new ReloadOutcome(clock.instant(), false, 0, reasons);
        } else {
            plan.changes().forEach(c -> log.info("reload: {}", c.describe()));
            List<String> failures = new ArrayList<>();
            for (Target t : targets) {
                if (plan.changes().stream().noneMatch(t::handles)) {
                    continue; // nothing of its own changed: not even called
                }
                try {
                    t.apply(next.config(), plan);
                } catch (Exception e) {
                    log.error("reload: {} could not apply its changes: {}", t.name(), e.toString());
                    failures.add(t.name() + ": " + e.getMessage());
                }
            }
            running = ConfigSnapshots.of(next);
            outcome = new ReloadOutcome(clock.instant(), failures.isEmpty(), plan.changes().size(), failures);
            log.info("Reload {}: {} change(s)", failures.isEmpty() ? "applied" : "applied with failures", plan.changes().size());
        }
        onOutcome.accept(outcome, next);
        return outcome;
    }

    public synchronized ConfigSnapshot running() {
        return running;
    }
}
