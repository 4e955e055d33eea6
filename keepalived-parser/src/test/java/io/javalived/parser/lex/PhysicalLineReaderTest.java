package io.javalived.parser.lex;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines at keepalived's length limit, CRLF, NUL, non-ASCII and the 64 KiB buffer boundary. */
class PhysicalLineReaderTest {
    record Read(String text, boolean tooLong, boolean nul, int lineNumber) {}

    private static List<Read> readAll(byte[] bytes) throws IOException {
        List<Read> out = new ArrayList<>();
        try (PhysicalLineReader r = new PhysicalLineReader(new ByteArrayInputStream(bytes))) {
            String s;
            while ((s = r.next()) != null) {
                out.add(new Read(s, r.tooLong(), r.hasNul(), r.lineNumber()));
            }
        }
        return out;
    }

    @Test
    void lengthLimitWithAndWithoutCarriageReturn() throws IOException {
        for (String eol : List.of("\n", "\r\n")) {
            for (int len : new int[] {1021, 1022, 1023, 1024, 5000}) {
                String body = "k" + "x".repeat(len - 1);
                List<Read> lines = readAll((" " + body.substring(1) + eol + "next" + eol).getBytes(StandardCharsets.US_ASCII));
                assertThat(lines).hasSize(2);
                Read first = lines.getFirst();
                assertThat(first.tooLong()).as("length %d %s", len, eol.length()).isEqualTo(len > PhysicalLineReader.MAX_LINE);
                assertThat(first.text()).isEqualTo(len > PhysicalLineReader.MAX_LINE ? "" : body.substring(1));
                assertThat(lines.get(1)).isEqualTo(new Read("next", false, false, 2));
            }
        }
    }

    @Test
    void linesAcrossTheBufferBoundaryNulAndUtf8() throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; sb.length() < 200_000; i++) {
            String w = "\tword" + i + " " + "v".repeat(i % 37) + "  ";
            sb.append(w).append(i % 5 == 0 ? "\r\n" : "\n");
            expected.add(w.strip());
        }
        sb.append("caf\u00e9 \u00fcber\n").append("a\0b\n").append("last line without newline");
        expected.add("caf\u00e9 \u00fcber");
        expected.add("");
        expected.add("last line without newline");
        List<Read> lines = readAll(sb.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(lines).extracting(Read::text).containsExactlyElementsOf(expected);
        assertThat(lines.get(lines.size() - 2).nul()).isTrue();
        assertThat(lines.getLast().lineNumber()).isEqualTo(expected.size());
    }
}
