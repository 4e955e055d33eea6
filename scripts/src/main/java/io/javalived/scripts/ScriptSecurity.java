package io.javalived.scripts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * keepalived 2.2.7's check of a script before it may run ({@code check_script_secure} in lib/notify.c), rule for
 * rule: a bare name is searched in PATH; the path is made canonical (symbolic links, "..", "//"); the file must be
 * executable by the user it runs as; and when that user or group is root (or the file is set-uid/gid root) every
 * part of the path, from "/" to the file, must be owned by root and not writable by anyone else (a directory may be
 * group/world writable only with the sticky bit, as /tmp). The messages are keepalived's.
 */
public final class ScriptSecurity {

    /** keepalived's SC_* flags. */
    public enum Flag {
        /** Only tests a file for being openable ("</path"): never executed. */
        SYSTEM,
        /** Missing or not accessible. */
        NOT_FOUND,
        /** Must not run (unsafe with enable_script_security, wrong file type, no such user). */
        INHIBIT,
        /** Writable by a non-root user: the file or a directory on its path. */
        INSECURE,
        /** A script was found (feeds the SECURITY VIOLATION summary). */
        IS_SCRIPT,
        /** Executable by its user. */
        EXECUTABLE
    }

    /**
     * The answer for one script.
     *
     * @param script the script to run: argv[0] made absolute and canonical, as keepalived rewrites it
     * @param flags  keepalived's flags
     * @param log    what keepalived logs while checking, in order
     */
    public record Verdict(Script script, Set<Flag> flags, List<String> log) {
        public Verdict {
            flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
            log = List.copyOf(log);
        }

        /** keepalived runs the script unless it was inhibited or not found, or is not executable. */
        public boolean runnable() {
            return !flags.contains(Flag.INHIBIT) && !flags.contains(Flag.NOT_FOUND)
                    && (flags.contains(Flag.EXECUTABLE) || flags.contains(Flag.SYSTEM));
        }
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_ISUID = 04000;
    private static final int S_ISGID = 02000;
    private static final int S_ISVTX = 01000;
    private static final int S_IXUSR = 0100;
    private static final int S_IWGRP = 020;
    private static final int S_IXGRP = 010;
    private static final int S_IWOTH = 02;
    private static final int S_IXOTH = 01;

    private final String path;
    private final boolean enabled;

    /**
     * @param enabled {@code enable_script_security}
     * @param path    the PATH a bare command name is searched in
     */
    public ScriptSecurity(boolean enabled, String path) {
        this.enabled = enabled;
        this.path = path;
    }

    public ScriptSecurity(boolean enabled) {
        this(enabled, Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    }

    public boolean enabled() {
        return enabled;
    }

    private record Stat(int mode, int uid, int gid) {
        int type() {
            return mode & S_IFMT;
        }
    }

    private static Optional<Stat> stat(Path p, boolean follow) {
        try {
            Map<String, Object> a = follow ? Files.readAttributes(p, "unix:mode,uid,gid")
                    : Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new Stat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean executable(Stat s, RunAs as) {
        int m = s.mode();
        return (as.uid() == 0 && (m & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0)
                || (as.uid() == s.uid() && (m & S_IXUSR) != 0)
                || (as.uid() != s.uid() && ((as.gid() == s.gid() && (m & S_IXGRP) != 0)
                        || (as.gid() != s.gid() && (m & S_IXOTH) != 0)));
    }

    /** Checks {@code script} as keepalived does before its first run. */
    public Verdict check(Script script) {
        List<String> log = new ArrayList<>();
        String program = script.argv().getFirst();
        RunAs as = script.user();
        // "</path": tests that a file can be opened; never executed
        if (program.startsWith("<") && program.substring(1).stripLeading().startsWith("/")) {
            return new Verdict(script, EnumSet.of(Flag.SYSTEM), log);
        }
        if (!program.contains("/")) {
            Optional<String> found = searchPath(program, as);
            if (found.isEmpty()) {
                log.add("Cannot find script " + program + " in path - disabling");
                return new Verdict(script, EnumSet.of(Flag.NOT_FOUND), log);
            }
            log.add("WARNING - script `" + program + "` resolved by path search to `" + found.get() + "`. Please specify full path.");
            program = found.get();
            script = script.withProgram(program);
        }
        Path canonical;
        try {
            canonical = Path.of(program).toRealPath();
        } catch (IOException e) {
            log.add("Script " + program + " cannot be accessed - " + reason(e));
            return new Verdict(script, EnumSet.of(Flag.NOT_FOUND), log);
        }
        // keepalived keeps the configured file name when a symbolic link in the last part renamed it (some programs
        // act on their name), as long as that name in the canonical directory is the same file
        Path realFile = null;
        Path run = canonical;
        String name = Path.of(program).getFileName().toString();
        if (!canonical.toString().equals(program) && !canonical.getFileName().toString().equals(name)) {
            Path sameDir = canonical.resolveSibling(name);
            if (sameFile(sameDir, canonical)) {
                run = sameDir;
                realFile = canonical;
            }
        }
        if (!run.toString().equals(program)) script = script.withProgram(run.toString());
        Optional<Stat> file = stat(realFile != null ? realFile : run, true);
        if (file.isEmpty()) {
            log.add("Unable to access script `" + run + "` - disabling");
            return new Verdict(script, EnumSet.of(Flag.NOT_FOUND), log);
        }
        EnumSet<Flag> flags = EnumSet.of(Flag.IS_SCRIPT);
        boolean needProtection = false;
        Stat f = file.get();
        if (executable(f, as)) {
            flags.add(Flag.EXECUTABLE);
            needProtection = as.rootOrRootGroup()
                    || (f.uid() == 0 && (f.mode() & S_IXUSR) != 0 && (f.mode() & S_ISUID) != 0)
                    || (f.gid() == 0 && (f.mode() & S_IXGRP) != 0 && (f.mode() & S_ISGID) != 0);
        } else {
            log.add("WARNING - script '" + run + "' is not executable for uid:gid " + as.uid() + ":" + as.gid() + " - disabling.");
        }
        if (needProtection) {
            checkPath(run.toString(), flags, log);
            if (realFile != null) checkPath(realFile.toString(), flags, log);
        }
        return new Verdict(script, flags, log);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "No such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "Permission denied";
        return e.getMessage();
    }

    private Optional<String> searchPath(String program, RunAs as) {
        for (String dir : path.split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            Optional<Stat> s = stat(candidate, true);
            if (s.isPresent() && s.get().type() == S_IFREG && executable(s.get(), as)) {
                return Optional.of(dir.isEmpty() ? program : dir + "/" + program);
            }
        }
        return Optional.empty();
    }

    /** keepalived's check_security: "/", then each directory, then the file itself (not following links). */
    private void checkPath(String filename, EnumSet<Flag> flags, List<String> log) {
        List<String> parts = new ArrayList<>();
        parts.add("/");
        int from = 1;
        int slash;
        while ((slash = filename.indexOf('/', from)) >= 0) {
            parts.add(filename.substring(0, slash));
            from = slash + 1;
        }
        parts.add(filename);
        for (int k = 0; k < parts.size(); k++) {
            boolean last = k == parts.size() - 1;
            Optional<Stat> s = stat(Path.of(parts.get(k)), false);
            if (s.isEmpty()) {
                log.add("check_script_secure could not find script '" + filename + "' - disabling");
                flags.add(Flag.NOT_FOUND);
                return;
            }
            Stat st = s.get();
            if ((!last && st.type() != S_IFDIR) || (last && st.type() != S_IFREG && st.type() != S_IFLNK)) {
                log.add("Wrong file type found in script path '" + filename + "'.");
                flags.add(Flag.INHIBIT);
                return;
            }
            boolean dirWithoutSticky = st.type() == S_IFDIR && (st.mode() & S_ISVTX) == 0;
            boolean writableByOthers = (st.gid() != 0 && (st.mode() & S_IWGRP) != 0) || (st.mode() & S_IWOTH) != 0;
            if (st.uid() != 0 || ((dirWithoutSticky || st.type() == S_IFREG) && writableByOthers)) {
                log.add("Unsafe permissions found for script '" + filename + "'" + (enabled ? " - disabling" : "") + ".");
                flags.add(Flag.INSECURE);
                if (enabled) flags.add(Flag.INHIBIT);
                return;
            }
        }
    }
}
