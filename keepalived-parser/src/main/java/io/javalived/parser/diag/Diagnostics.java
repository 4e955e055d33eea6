package io.javalived.parser.diag;

import io.javalived.parser.model.SourceLocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects diagnostics while parsing; safe to use from the lexer thread and the binder thread at once.
 * Bounded: after {@link #LIMIT} messages further ones are only counted (a 100 MB file of garbage must not
 * produce a 100 MB report), and one closing diagnostic says how many were left out.
 * {@link #toList(List)} gives them in file order (by file, then line), which is also deterministic.
 */
public final class Diagnostics {
    public static final int LIMIT = 5_000;

    /** Which stage reported: lexical before structural before semantic at the same line. */
    public enum Stage { LEXICAL, BINDING, RESOLUTION }

    private record Entry(Diagnostic diagnostic, int stage, long sequence) {}

    private final List<Entry> list = new ArrayList<>();
    private final long[] sequences = new long[Stage.values().length];
    private long suppressed;
    private Severity worstSuppressed;
    private final ThreadLocal<Stage> stage = ThreadLocal.withInitial(() -> Stage.BINDING);
    private final ThreadLocal<Deferred> capturing = new ThreadLocal<>();

    /**
     * Diagnostics held back while a piece of the configuration is bound on a worker thread, and added
     * later, by {@link #commit(Deferred)}, in file order: so the report (and the 5,000 cap) does not depend
     * on which thread finished first.
     */
    public static final class Deferred {
        private final List<Diagnostic> diagnostics = new ArrayList<>(0);
        private final List<Stage> stages = new ArrayList<>(0);

        public boolean isEmpty() {
            return diagnostics.isEmpty();
        }
    }

    /** Runs {@code work} on the calling thread, holding back what it reports in {@code into}. */
    public void deferInto(Deferred into, Runnable work) {
        Deferred outer = capturing.get();
        capturing.set(into);
        try {
            work.run();
        } finally {
            capturing.set(outer);
        }
    }

    /**
     * Runs {@code work} on the calling thread as stage {@code s}, holding back what it reports in
     * {@code into}; the thread's stage is restored afterwards.
     */
    public void deferInto(Deferred into, Stage s, Runnable work) {
        Stage outer = stage.get();
        stage.set(s);
        try {
            deferInto(into, work);
        } finally {
            stage.set(outer);
        }
    }

    /**
     * Adds diagnostics held back by {@link #deferInto}, in the order they were reported, with the stages
     * they were reported in. On a thread that is itself holding diagnostics back, they join what it holds.
     */
    public void commit(Deferred d) {
        Deferred outer = capturing.get();
        if (outer != null) {
            outer.diagnostics.addAll(d.diagnostics);
            outer.stages.addAll(d.stages);
            return;
        }
        synchronized (this) {
            for (int i = 0; i < d.diagnostics.size(); i++) {
                addNow(d.diagnostics.get(i), d.stages.get(i));
            }
        }
    }

    /** Sets the stage of diagnostics reported from the calling thread from now on. */
    public void stage(Stage s) {
        stage.set(s);
    }

    public void report(SourceLocation location, Severity severity, DiagnosticCode code, String message) {
        add(Diagnostic.at(location, severity, code, message));
    }

    public void error(SourceLocation location, DiagnosticCode code, String message) {
        report(location, Severity.ERROR, code, message);
    }

    public void warning(SourceLocation location, DiagnosticCode code, String message) {
        report(location, Severity.WARNING, code, message);
    }

    public void info(SourceLocation location, DiagnosticCode code, String message) {
        report(location, Severity.INFO, code, message);
    }

    public void fatal(SourceLocation location, DiagnosticCode code, String message) {
        report(location, Severity.FATAL, code, message);
    }

    public void add(Diagnostic d) {
        Deferred deferred = capturing.get();
        if (deferred != null) {
            deferred.diagnostics.add(d);
            deferred.stages.add(stage.get());
            return;
        }
        synchronized (this) {
            addNow(d, stage.get());
        }
    }

    private void addNow(Diagnostic d, Stage st) {
        if (list.size() < LIMIT) {
            int s = st.ordinal();
            list.add(new Entry(d, s, sequences[s]++));
            return;
        }
        suppressed++;
        if (worstSuppressed == null || d.severity().compareTo(worstSuppressed) < 0) {
            worstSuppressed = d.severity();
        }
    }

    /** The diagnostics in reporting order per stage, plus a closing note when some were left out. */
    public List<Diagnostic> toList() {
        return toList(List.of());
    }

    /**
     * The diagnostics sorted by file (in {@code fileOrder}, others after), line, stage and reporting order;
     * those without a place come first; plus a closing note when some were left out.
     */
    public synchronized List<Diagnostic> toList(List<String> fileOrder) {
        List<Entry> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.<Entry>comparingInt(e -> fileRank(e, fileOrder))
                .thenComparingInt(e -> e.diagnostic.location().map(SourceLocation::line).orElse(0))
                .thenComparingInt(Entry::stage)
                .thenComparingLong(Entry::sequence));
        List<Diagnostic> out = new ArrayList<>(sorted.size() + 1);
        sorted.forEach(e -> out.add(e.diagnostic));
        if (suppressed > 0) {
            out.add(Diagnostic.at(null, worstSuppressed, DiagnosticCode.TOO_MANY_DIAGNOSTICS,
                    suppressed + " more diagnostics not shown (only the first " + LIMIT + " are kept)"));
        }
        return out;
    }

    private static int fileRank(Entry e, List<String> fileOrder) {
        if (e.diagnostic.location().isEmpty()) {
            return -1;
        }
        int i = fileOrder.indexOf(e.diagnostic.location().get().file());
        return i < 0 ? fileOrder.size() : i;
    }
}
