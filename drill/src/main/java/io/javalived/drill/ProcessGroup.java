package io.javalived.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The processes of one process group, read from /proc (field pgrp of /proc/PID/stat). */
final class ProcessGroup {
    private ProcessGroup() {
    }

    static List<ProcessHandle> members(long pgid) {
        List<ProcessHandle> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[2]) == pgid) {
                        ProcessHandle.of(Long.parseLong(name)).ifPresent(out::add);
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc: fall back to the leader alone
        }
        if (out.isEmpty()) {
            ProcessHandle.of(pgid).ifPresent(out::add);
        }
        return out;
    }
}
