package io.javalived.daemon.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

/** The daemon's command-line shortcut: the forms it takes give exactly picocli's options; the others are left to picocli. */
class DaemonShortcutTest {
    /** picocli's reading of the same options, as Main declares them. */
    static final class Picocli {
        @Mixin
        KeepalivedOptions options = new KeepalivedOptions();
    }

    private static KeepalivedOptions picocli(String... args) {
        Picocli p = new Picocli();
        new CommandLine(p).parseArgs(args);
        return p.options;
    }

    private static void assertSameOptions(KeepalivedOptions a, KeepalivedOptions b) throws IllegalAccessException {
        for (Field f : KeepalivedOptions.class.getFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) continue;
            assertThat(f.get(a)).as(f.getName()).isEqualTo(f.get(b));
        }
    }

    @Test
    void theUsualDaemonCommandLinesGivePicocliOptions() throws IllegalAccessException {
        List<String[]> lines = List.of(
                new String[] {},
                new String[] {"-n", "-l", "-D", "-f", "/etc/keepalived/keepalived.conf"},
                new String[] {"-n", "-l", "-P", "-f", "/tmp/lb01.conf", "-p", "/tmp/j.pid", "-r", "/tmp/r.pid",
                    "-c", "/tmp/c.pid", "--state-file", "/tmp/s.json", "--status-listen", "off"},
                new String[] {"--dont-fork", "--log-console", "--check", "--ipvs", "memory", "--use-file", "a.conf",
                    "--vrrp_pid", "v.pid", "--checkers_pid", "c.pid", "--namespace", "ns1", "--umask", "077"},
                new String[] {"-G", "-S", "6", "-X", "-V", "-I", "-R", "-d", "-a", "-e", "-x", "-B", "--all", "-m",
                    "--no-mem-check", "--ignore-sigint", "--flush-log-file", "-i", "lb1", "-A", "/tmp/agent"},
                new String[] {"-v"},
                new String[] {"--signum", "RELOAD"});
        for (String[] args : lines) {
            Optional<KeepalivedOptions> quick = DaemonShortcut.parse(args);
            assertThat(quick).as(String.join(" ", args)).isPresent();
            assertSameOptions(quick.get(), picocli(args));
        }
    }

    /**
     * The shortcut's table against picocli's model of {@link KeepalivedOptions}' annotations: the same options (every
     * flag, every String or Path option with exactly one value, help excluded), the same names, the same kind.
     */
    @Test
    void theTableHoldsExactlyPicocliOptionsOfThoseKinds() {
        Map<List<String>, Boolean> picocli = new HashMap<>();
        for (OptionSpec o : new CommandLine(new Picocli()).getCommandSpec().options()) {
            boolean flag = o.type() == boolean.class && o.arity().min() == 0 && o.arity().max() == 0;
            boolean oneValue = (o.type() == String.class || o.type() == Path.class)
                    && o.arity().min() == 1 && o.arity().max() == 1;
            if (!o.usageHelp() && !o.versionHelp() && (flag || oneValue)) {
                picocli.put(List.of(o.names()), flag);
            }
        }
        Map<List<String>, Boolean> table = new HashMap<>();
        for (DaemonShortcut.Opt o : DaemonShortcut.Opt.values()) {
            table.put(List.of(o.names), o.flag);
        }
        assertThat(table).isEqualTo(picocli);
    }

    /** Each name of each option of the table sets what picocli sets for it (the same field, the same value). */
    @Test
    void everyNameOfTheTableSetsWhatPicocliSets() throws IllegalAccessException {
        for (DaemonShortcut.Opt o : DaemonShortcut.Opt.values()) {
            for (String name : o.names) {
                String[] args = o.flag ? new String[] {name} : new String[] {name, "value-" + o.ordinal()};
                Optional<KeepalivedOptions> quick = DaemonShortcut.parse(args);
                assertThat(quick).as(String.join(" ", args)).isPresent();
                assertSameOptions(quick.get(), picocli(args));
            }
        }
    }

    @Test
    void everyOtherFormIsLeftToPicocli() {
        List<String[]> lines = List.of(
                new String[] {"-nl", "-f", "a.conf"},              // clustered flags
                new String[] {"--use-file=a.conf"},                // '=' form
                new String[] {"-n", "-n"},                         // repeated
                new String[] {"-f"},                               // value missing
                new String[] {"-f", "-n"},                         // value looks like an option
                new String[] {"-f", "@args.txt"},                  // picocli's argument file
                new String[] {"-f", ""},
                new String[] {"-t"},                               // optional value: picocli's rules
                new String[] {"-g", "/tmp/k.log"},
                new String[] {"-M"},
                new String[] {"--config-fd", "3"},                 // not a String, Path or flag
                new String[] {"-h"},
                new String[] {"status"},                           // a subcommand
                new String[] {"ipvsadm", "-Ln"},
                new String[] {"--bogus"});
        for (String[] args : lines) {
            assertThat(DaemonShortcut.parse(args)).as(String.join(" ", args)).isEmpty();
        }
    }
}
