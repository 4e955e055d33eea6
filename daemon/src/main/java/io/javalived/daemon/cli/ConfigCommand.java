package io.javalived.daemon.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalived.parser.ParseResult;
import io.javalived.parser.diag.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code javalived config -f FILE [--format json|yaml]}: prints the effective configuration, every default
 * resolved, on stdout; diagnostics go to stderr. Exit code as {@code -t}: 0, 5 or 4.
 */
@Command(name = "config", description = "Print the effective configuration (every default resolved) as JSON or YAML.")
public final class ConfigCommand implements Callable<Integer> {

    public enum Format { json, yaml }

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", description = "Configuration file (default ${DEFAULT-VALUE}).")
    Path file = KeepalivedOptions.DEFAULT_CONFIG;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", description = "Config id for @ID lines (default: host name up to the first dot).")
    String configId;

    @Option(names = "--no-host-checks", description = "Do not check this host's interfaces (a file tested on another machine).")
    boolean noHostChecks;

    @Option(names = "--format", paramLabel = "FORMAT", description = "json or yaml (default ${DEFAULT-VALUE}).")
    Format format = Format.json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help and exit.")
    boolean help;

    @Override
    public Integer call() throws JsonProcessingException {
        ParseResult result = ConfigTest.parse(file, configId, !noHostChecks);
        for (Diagnostic d : result.diagnostics()) {
            System.err.println(d.format());
        }
        var mapper = format == Format.yaml ? ModelJson.yaml() : ModelJson.json();
        String text = mapper.writeValueAsString(result.config());
        System.out.print(text.endsWith("\n") ? text : text + "\n");
        System.out.flush();
        return result.configTestExitCode();
    }
}
