package io.javalived.parser.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived 2.2.7's umask_handler rules and messages. */
class FileModeMaskTest {
    private static String parse(String... words) {
        List<String> errors = new ArrayList<>();
        var m = FileModeMask.parseKeyword(List.of(words), errors::add);
        return m.map(FileModeMask::toString).orElse("error: " + String.join("; ", errors));
    }

    @Test
    void numbersAreReadAsCsStrtolWithBaseZero() {
        assertThat(parse("0077")).isEqualTo("0077");
        assertThat(parse("077")).isEqualTo("0077");
        assertThat(parse("63")).isEqualTo("0077");
        assertThat(parse("0x3f")).isEqualTo("0077");
        assertThat(parse("0")).isEqualTo("0000");
        assertThat(parse("0999")).isEqualTo("error: invalid umask value 0999");
        assertThat(parse("01000")).isEqualTo("error: invalid umask value 01000");
        assertThat(parse("22", "7")).isEqualTo("error: Extra parameter(s) to umask option");
    }

    @Test
    void bitNamesAreJoinedByBarsAcrossWords() {
        assertThat(parse("IWGRP|IWOTH")).isEqualTo("0022");
        assertThat(parse("IRWXO")).isEqualTo("error: Unknown umask bit IRWXO");
        assertThat(parse("IWGRP", "|IWOTH")).isEqualTo("0022");
        assertThat(parse("IWGRP|")).isEqualTo("error: umask missing bit value");
        assertThat(parse("IWGRPIWOTH")).isEqualTo("error: Invalid umask syntax IWGRPIWOTH");
        assertThat(parse("IRUSR|IWUSR|IXUSR|IRGRP|IWGRP|IXGRP|IROTH|IWOTH|IXOTH")).isEqualTo("0777");
    }
}
