package io.javalived.parser.lex;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Diagnostics;
import io.javalived.parser.grammar.KeepalivedConfParser;
import io.javalived.parser.model.SourceLocation;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import io.javalived.parser.diag.Severity;

/**
 * The hand-tuned lexer feeding the ANTLR parser: reads the main file and its includes line by line, runs
 * keepalived's preprocessing ({@link Preprocessor}), handles {@code include}, splits off braces outside
 * quotes, splits words on blanks with double quotes grouping, and emits the grammar's tokens
 * (LINE, LBRACE, RBRACE). Braces left open at end of input are reported and closed, so the parser
 * always sees a well-formed stream; nesting deeper than {@link #MAX_DEPTH} is reported and flattened.
 */
public final class ConfigLexer implements TokenSource {
    public static final int MAX_DEPTH = 32;
    static final int MAX_INCLUDE_DEPTH = 32;

    private record OpenFile(PhysicalLineReader reader, String name, Path path, Path realPath) {}

    private final Diagnostics diagnostics;
    private final Preprocessor preprocessor;
    private final Deque<OpenFile> files = new ArrayDeque<>();
    private final Set<String> filesRead = new LinkedHashSet<>();
    private final ArrayDeque<Token> pending = new ArrayDeque<>();
    private final List<String> logical = new ArrayList<>();
    private final Deque<ConfToken> openBraces = new ArrayDeque<>();
    private int flattened;
    private boolean nestingReported;
    private boolean finished;
    private String lastFile;
    private int lastLine;

    public ConfigLexer(Path mainFile, String configId, Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.preprocessor = new Preprocessor(configId, "", diagnostics);
        open(mainFile, mainFile.toString(), null);
    }

    /** Every file opened so far, main file first. */
    public List<String> filesRead() {
        return List.copyOf(filesRead);
    }

    private void open(Path path, String name, SourceLocation includedFrom) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            report(includedFrom, includedFrom == null ? DiagnosticCode.FILE_NOT_FOUND : DiagnosticCode.INCLUDE_NO_MATCH,
                    "Configuration file '" + name + "' not found", includedFrom == null);
            return;
        } catch (IOException e) {
            report(includedFrom, DiagnosticCode.FILE_UNREADABLE,
                    "Configuration file '" + name + "' open problem (" + e.getMessage() + ")", includedFrom == null);
            return;
        }
        if (Files.isDirectory(real)) {
            report(includedFrom, DiagnosticCode.FILE_UNREADABLE, "Configuration file '" + name + "' is a directory",
                    includedFrom == null);
            return;
        }
        for (OpenFile f : files) {
            if (f.realPath.equals(real)) {
                diagnostics.error(includedFrom, DiagnosticCode.INCLUDE_RECURSIVE,
                        "Recursive include of '" + name + "' (it is already being read) - skipping");
                return;
            }
        }
        if (files.size() >= MAX_INCLUDE_DEPTH) {
            diagnostics.error(includedFrom, DiagnosticCode.INCLUDE_RECURSIVE,
                    "Includes nested deeper than " + MAX_INCLUDE_DEPTH + " - skipping '" + name + "'");
            return;
        }
        try {
            InputStream in = Files.newInputStream(real);
            files.push(new OpenFile(new PhysicalLineReader(in), name, path, real));
            filesRead.add(name);
            Path dir = path.toAbsolutePath().getParent();
            preprocessor.currentDirectory(dir == null ? "/" : dir.toString());
        } catch (IOException e) {
            report(includedFrom, DiagnosticCode.FILE_UNREADABLE,
                    "Configuration file '" + name + "' open problem (" + e.getMessage() + ")", includedFrom == null);
        }
    }

    private void report(SourceLocation where, DiagnosticCode code, String message, boolean fatal) {
        if (fatal) {
            diagnostics.fatal(where, code, message);
        } else {
            diagnostics.error(where, code, message);
        }
    }

    @Override
    public Token nextToken() {
        while (pending.isEmpty()) {
            if (!readLine()) {
                return finish();
            }
        }
        return pending.poll();
    }

    private Token finish() {
        if (!finished) {
            finished = true;
            preprocessor.endOfInput(SourceLocation.of(lastFile == null ? "" : lastFile, lastLine));
            while (!openBraces.isEmpty()) {
                ConfToken b = openBraces.pop();
                diagnostics.error(b.location(), DiagnosticCode.MISSING_CLOSE_BRACE,
                        "Missing '}' for the block opened here: it runs to the end of the configuration");
                pending.add(token(KeepalivedConfParser.RBRACE, lastFile, lastLine, 0));
            }
            if (!pending.isEmpty()) {
                return pending.poll();
            }
        }
        return token(Token.EOF, lastFile, lastLine, 0);
    }

    /** Reads one physical line (from the innermost open file); false at end of all input. */
    private boolean readLine() {
        while (!files.isEmpty()) {
            OpenFile f = files.peek();
            if (!preprocessor.inDefinition() && f.reader.nextPlain()) {
                lastFile = f.name;
                lastLine = f.reader.lineNumber();
                plainLine(f.reader.plainBytes(), f.reader.plainFrom(), f.reader.plainTo(), f.name, lastLine);
                return true;
            }
            String raw;
            try {
                raw = f.reader.next();
            } catch (IOException e) {
                diagnostics.error(SourceLocation.of(f.name, f.reader.lineNumber() + 1), DiagnosticCode.FILE_UNREADABLE,
                        "Read error in '" + f.name + "': " + e.getMessage() + " - stopping reading this file");
                raw = null;
            }
            if (raw == null) {
                closeTop();
                continue;
            }
            int lineNo = f.reader.lineNumber();
            lastFile = f.name;
            lastLine = lineNo;
            if (f.reader.hasNul()) {
                SourceLocation where = SourceLocation.of(f.name, lineNo);
                diagnostics.error(where, DiagnosticCode.BINARY_CONTENT,
                        "Line contains a NUL byte (binary content?) - ignoring line");
                return true;
            }
            if (f.reader.tooLong()) {
                diagnostics.error(SourceLocation.of(f.name, lineNo), DiagnosticCode.LINE_TOO_LONG, "Configuration line too long ("
                        + f.reader.lineLength() + " bytes, keepalived's limit is " + PhysicalLineReader.MAX_LINE
                        + ") - ignoring");
                return true;
            }
            logical.clear();
            preprocessor.process(raw, f.name, lineNo, logical);
            for (int k = 0, n = logical.size(); k < n; k++) {
                String line = logical.get(k);
                if (files.peek() != f) {
                    // An include opened in this batch: later logical lines of this physical line
                    // still belong to f; keepalived reads the include first, so do we.
                    break;
                }
                tokenize(line, f.name, lineNo);
            }
            return true;
        }
        return false;
    }

    private void closeTop() {
        OpenFile f = files.pop();
        try {
            f.reader.close();
        } catch (IOException ignored) {
            // nothing useful to do: the file was fully read
        }
        if (!files.isEmpty()) {
            Path dir = files.peek().path.toAbsolutePath().getParent();
            preprocessor.currentDirectory(dir == null ? "/" : dir.toString());
        }
    }

    private static boolean isInclude(String word) {
        return switch (word) {
            case "include", "includer", "includem", "includew", "includeb", "includea" -> true;
            default -> false;
        };
    }

    /** Splits one logical line into LINE/LBRACE/RBRACE tokens (or performs an include). */
    private void tokenize(String line, String file, int lineNo) {
        if (line.startsWith("include")) {
            int sp = 0;
            while (sp < line.length() && !Character.isWhitespace(line.charAt(sp))) {
                sp++;
            }
            if (isInclude(line.substring(0, sp))) {
                include(line.substring(0, sp), unquote(line.substring(sp).strip()), SourceLocation.of(file, lineNo));
                return;
            }
        }
        int n = line.length();
        int i = 0;
        int lineStart = -1;
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || (c < ' ' || c > '~') && Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '{' || c == '}') {
                flushLine(file, lineNo, lineStart, line);
                lineStart = -1;
                brace(c, file, lineNo, i);
                i++;
                continue;
            }
            if (lineStart < 0) {
                lineStart = i;
                words.clear();
                quotes.clear();
            }
            int start = i;
            boolean simple = true;
            while (i < n) {
                c = line.charAt(i);
                if (c == '"' || c == '\\') {
                    simple = false;
                    break;
                }
                if (c == '{' || c == '}' || c == ' ' || c == '\t' || (c < ' ' || c > '~') && Character.isWhitespace(c)) {
                    break;
                }
                i++;
            }
            if (simple) {
                words.add(wordCache.word(line, start, i));
                quotes.add(false);
                continue;
            }
            i = complexWord(line, start, file, lineNo);
        }
        flushLine(file, lineNo, lineStart, line);
    }

    /**
     * The common case: a line of printable ASCII with nothing for the preprocessor to do (see
     * {@link PhysicalLineReader#nextPlain}), read straight from the file's buffer. Braces become tokens
     * here, each run of words between them a LINE token whose words are split by the thread that parses the
     * entry (so the lexer, which every entry waits for, does the least). An include line goes the long way.
     */
    private void plainLine(byte[] b, int from, int to, String file, int lineNo) {
        if (to - from >= 7 && b[from] == 'i' && b[from + 1] == 'n' && b[from + 2] == 'c' && b[from + 3] == 'l'
                && b[from + 4] == 'u' && b[from + 5] == 'd' && b[from + 6] == 'e') {
            tokenize(new String(b, from, to - from, StandardCharsets.ISO_8859_1), file, lineNo);
            return;
        }
        int words = -1;
        int wordsEnd = -1;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '{' || c == '}') {
                if (words >= 0) {
                    pending.add(ConfToken.plainLine(file, lineNo, words - from, b, words, wordsEnd));
                    words = -1;
                }
                brace((char) c, file, lineNo, i - from);
            } else if (c != ' ' && c != '\t') {
                if (words < 0) {
                    words = i;
                }
                wordsEnd = i + 1;
            }
        }
        if (words >= 0) {
            pending.add(ConfToken.plainLine(file, lineNo, words - from, b, words, wordsEnd));
        }
    }

    private final List<String> words = new ArrayList<>();
    private final WordCache wordCache = new WordCache();
    private final Quotes quotes = new Quotes();

    /** Which words of the line being built were quoted (a growable boolean array, no boxing). */
    private static final class Quotes {
        private boolean[] flags = new boolean[16];
        private int size;
        private boolean any;

        void clear() {
            size = 0;
            any = false;
        }

        void add(boolean q) {
            if (size == flags.length) {
                flags = java.util.Arrays.copyOf(flags, size * 2);
            }
            flags[size++] = q;
            any |= q;
        }

        boolean[] toArray() {
            return any ? java.util.Arrays.copyOf(flags, size) : NONE;
        }

        private static final boolean[] NONE = new boolean[0];
    }
    private final StringBuilder word = new StringBuilder();

    /** A word with quotes or escapes, from {@code i}; returns the index after it. */
    private int complexWord(String line, int i, String file, int lineNo) {
        int n = line.length();
        word.setLength(0);
        boolean quoted = false;
        while (i < n) {
            char c = line.charAt(i);
            if (c == '"') {
                int close = line.indexOf('"', i + 1);
                if (close < 0) {
                    diagnostics.error(new SourceLocation(file, lineNo, i + 1), DiagnosticCode.UNMATCHED_QUOTE,
                            "Unmatched quote: '" + line + "' - ignoring the text from the quote on");
                    if (!word.isEmpty()) {
                        words.add(word.toString());
                        quotes.add(quoted);
                    }
                    return n;
                }
                word.append(line, i + 1, close);
                quoted = true;
                i = close + 1;
            } else if (c == '{' || c == '}' || Character.isWhitespace(c)) {
                break;
            } else if (c == '\\' && i + 1 < n && (line.charAt(i + 1) == '#' || line.charAt(i + 1) == '!')) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        words.add(word.toString());
        quotes.add(quoted);
        return i;
    }

    private void flushLine(String file, int lineNo, int lineStart, String line) {
        if (lineStart < 0 || words.isEmpty()) {
            return;
        }
        String[] w = words.toArray(new String[0]);
        boolean[] q = quotes.toArray();
        words.clear();
        quotes.clear();
        pending.add(new ConfToken(KeepalivedConfParser.LINE, file, lineNo, lineStart, w, q));
    }

    private void brace(char c, String file, int lineNo, int col) {
        if (c == '{') {
            if (flattened > 0 || openBraces.size() >= MAX_DEPTH) {
                flattened++;
                if (!nestingReported) {
                    nestingReported = true;
                    diagnostics.error(new SourceLocation(file, lineNo, col + 1), DiagnosticCode.NESTING_TOO_DEEP,
                            "Blocks nested deeper than " + MAX_DEPTH + " levels - deeper braces are ignored");
                }
                return;
            }
            ConfToken open = token(KeepalivedConfParser.LBRACE, file, lineNo, col);
            openBraces.push(open);
            pending.add(open);
        } else {
            if (flattened > 0) {
                flattened--;
                return;
            }
            if (!openBraces.isEmpty()) {
                openBraces.pop();
            }
            pending.add(token(KeepalivedConfParser.RBRACE, file, lineNo, col));
        }
    }

    private void include(String keyword, String pattern, SourceLocation where) {
        if (pattern.isEmpty()) {
            diagnostics.error(where, DiagnosticCode.MISSING_PARAMETER, keyword + " needs a file name - ignoring");
            return;
        }
        OpenFile current = files.peek();
        Path dir = current == null ? Path.of(".") : current.path.toAbsolutePath().getParent();
        List<Path> matches;
        try {
            matches = IncludeResolver.resolve(dir == null ? Path.of("/") : dir, pattern);
        } catch (IOException | RuntimeException e) {
            diagnostics.error(where, DiagnosticCode.INCLUDE_NO_MATCH,
                    "Cannot expand include pattern '" + pattern + "': " + e.getMessage());
            return;
        }
        if (matches.isEmpty()) {
            boolean mustMatch = !keyword.equals("include");
            diagnostics.report(where, mustMatch ? Severity.ERROR
                            : Severity.WARNING, DiagnosticCode.INCLUDE_NO_MATCH,
                    "Config files missing '" + pattern + "'.");
            return;
        }
        // Push in reverse so the first match is read first.
        for (int k = matches.size() - 1; k >= 0; k--) {
            Path p = matches.get(k);
            String name = p.toString();
            open(p, name, where);
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static ConfToken token(int type, String file, int line, int col) {
        return new ConfToken(type, file, line, col);
    }

    @Override
    public int getLine() {
        return lastLine;
    }

    @Override
    public int getCharPositionInLine() {
        return 0;
    }

    @Override
    public CharStream getInputStream() {
        return null;
    }

    @Override
    public String getSourceName() {
        return lastFile == null ? "" : lastFile;
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        // tokens are always ConfTokens
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return null;
    }
}
