package io.javalived.vrrp.track;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Which processes a vrrp_track_process counts, as keepalived 2.2.7 matches them: by the process name ({@code comm},
 * at most 15 characters) or, with {@code full_command} (or parameters, or {@code param_match}), by the command line's
 * first word; parameters compared as NUL-separated bytes: {@code exact} (the default with parameters) all of them,
 * {@code partial} the configured ones as the first ones, {@code initial} likewise with the last one allowed to be
 * the start of the process's.
 */
public record ProcessPattern(String path, List<String> params, ParamMatch paramMatch, boolean fullCommand) {
    public enum ParamMatch { NONE, EXACT, PARTIAL, INITIAL }

    public ProcessPattern {
        params = List.copyOf(params);
    }

    /** The configured parameters as keepalived keeps them: each followed by a NUL; null when none. */
    private byte[] paramBytes() {
        if (params.isEmpty()) return null;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String p : params) {
            b.writeBytes(p.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return b.toByteArray();
    }

    /**
     * Whether a process with this {@code comm} and command line ({@code /proc/PID/cmdline}: NUL-separated words,
     * each ending with a NUL; empty for a zombie or a kernel thread) is counted.
     */
    public boolean matches(String comm, byte[] cmdline) {
        if (!fullCommand) return comm != null && comm.equals(path);
        if (cmdline == null) return false;
        int end = 0;
        while (end < cmdline.length && cmdline[end] != 0) end++;
        if (!new String(cmdline, 0, end, StandardCharsets.UTF_8).equals(path)) return false;
        if (paramMatch == ParamMatch.NONE) return true;
        int start = Math.min(end + 1, cmdline.length);
        byte[] actual = Arrays.copyOfRange(cmdline, start, cmdline.length);
        return paramsMatch(actual);
    }

    private boolean paramsMatch(byte[] actual) {
        byte[] want = paramBytes();
        if (paramMatch == ParamMatch.EXACT && want == null && actual.length == 0) return true;
        int wantLen = want == null ? 0 : want.length;
        if (actual.length < wantLen) return false;
        if (paramMatch == ParamMatch.EXACT) return actual.length == wantLen && (want == null || Arrays.equals(actual, want));
        if (want == null) return true;
        if (paramMatch == ParamMatch.PARTIAL) return Arrays.equals(actual, 0, wantLen, want, 0, wantLen);
        return wantLen == 1 || Arrays.equals(actual, 0, wantLen - 1, want, 0, wantLen - 1);
    }

    /** For the log: the process and its parameters as configured. */
    @Override
    public String toString() {
        return params.isEmpty() ? path : path + " " + String.join(" ", params);
    }
}
