package io.javalived.daemon.ops;

import io.javalived.daemon.status.DaemonStatus;
import io.javalived.daemon.status.RunningState;
import io.javalived.daemon.status.StatusJson;
import io.javalived.daemon.status.StatusListen;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code javalived status}: reads {@code /status} from the running daemon and prints it as tables. The
 * endpoint is found with {@code --status-listen}, else in the daemon's state file, else at 127.0.0.1:9650.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the running daemon's VRRP instances and real servers (from its status endpoint).")
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--status-listen", paramLabel = "HOST:PORT",
            description = "The daemon's status endpoint (default: from the state file, else " + StatusListen.DEFAULT + ").")
    String listen;

    @Option(names = "--state-file", paramLabel = "FILE",
            description = "The running daemon's state file (default: beside -p PIDFILE, else /run/javalived/state.json).")
    Path stateFileOption;

    @Option(names = {"-p", "--pid"}, paramLabel = "PIDFILE", description = "The running daemon's -p pid file, to find its state file.")
    Path pidFile;

    @Option(names = "--no-color", description = "Never colour (colour is used only on a terminal, and never with NO_COLOR set).")
    boolean noColour;

    @Option(names = "--json", description = "Print the JSON as the daemon serves it.")
    boolean json;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        StatusListen where;
        try {
            where = endpoint();
        } catch (IllegalArgumentException | IOException e) {
            err.println("javalived status: " + e.getMessage());
            return 2;
        }
        String url = where.baseUrl() + "/status";
        String body;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                err.println("javalived status: " + url + " answered " + res.statusCode());
                return 1;
            }
            body = res.body();
        } catch (ConnectException e) {
            err.println("javalived status: no daemon answers at " + url + " (is javalived running, and with which --status-listen?)");
            return 3;
        } catch (IOException e) {
            err.println("javalived status: cannot read " + url + ": " + e);
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (json) {
            out.print(body);
            return 0;
        }
        DaemonStatus status;
        try {
            status = StatusJson.mapper().readValue(body, DaemonStatus.class);
        } catch (IOException e) {
            err.println("javalived status: " + url + " did not answer with a javalived status: " + e.getMessage());
            return 1;
        }
        out.print(StatusTable.render(status, useColour()));
        return 0;
    }

    StatusListen endpoint() throws IOException {
        if (listen != null) {
            return StatusListen.parse(listen);
        }
        Optional<String> fromState = RunningState.read(stateFile()).flatMap(RunningState::statusListen);
        return StatusListen.parse(fromState.orElse(StatusListen.DEFAULT));
    }

    boolean useColour() {
        if (noColour || System.getenv("NO_COLOR") != null || out != System.out) {
            return false;
        }
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    Path stateFile() {
        return RunningState.fileFor(stateFileOption, pidFile);
    }
}
