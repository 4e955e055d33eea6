package io.javalived.daemon;

import io.javalived.daemon.cli.ModelJson;
import io.javalived.parser.model.KeepalivedConfig;
import org.slf4j.Logger;

/**
 * keepalived's {@code -d/--dump-conf}: the configuration as loaded, every default resolved, written to the log at
 * start, one line per log message, passwords masked (the same YAML as {@code javalived config --format yaml}, so a person can diff
 * what runs against what they meant).
 */
final class ConfigDump {
    private ConfigDump() {}

    static void log(KeepalivedConfig config, Logger log) {
        String text;
        try {
            text = ModelJson.yaml().writeValueAsString(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            log.error("--dump-conf: cannot render the configuration: {}", e.getOriginalMessage());
            return;
        }
        log.info("------< Configuration dump (--dump-conf) >------");
        // auth_pass stays out of logs: the dump says a password is set, not which.
        text.lines().map(line -> line.replaceFirst("^(\\s*password: ).*$", "$1\"********\""))
                .forEach(line -> log.info("{}", line));
        log.info("------< End of configuration dump >------");
    }
}
