package io.javalived.parser.lex;

import io.javalived.parser.diag.Diagnostics;
import io.javalived.parser.grammar.KeepalivedConfLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grammar's own lexer rules (KeepalivedConf.g4) and the hand-tuned ConfigLexer agree on the token
 * stream for balanced text that needs no preprocessing (ConfigLexer also closes blocks left open at the
 * end, which the grammar leaves to the parser): same token types on the same lines.
 */
class GrammarCrossCheckTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
            "global_defs {\n router_id lb01\n}\n",
            "vrrp_instance V\n{\n virtual_ipaddress { 10.0.0.3/24 dev eth0 label eth0:0 }\n}\n",
            "a b c # comment\n! other\nd \"e f\" g\n{\n}\n",
            "virtual_server 10.0.0.3 80 {\n\treal_server 10.0.0.7 80 { TCP_CHECK { connect_timeout 3 } }\n}\n",
            "notify_master \"/bin/x.sh a#b\" root\n"})
    void sameTokens(String text) throws IOException {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        List<String> antlr = new ArrayList<>();
        KeepalivedConfLexer reference = new KeepalivedConfLexer(CharStreams.fromString(text));
        for (Token t = reference.nextToken(); t.getType() != Token.EOF; t = reference.nextToken()) {
            antlr.add(KeepalivedConfLexer.VOCABULARY.getSymbolicName(t.getType()) + " " + t.getLine());
        }
        List<String> ours = new ArrayList<>();
        ConfigLexer lexer = new ConfigLexer(f, "x", new Diagnostics());
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            ours.add(KeepalivedConfLexer.VOCABULARY.getSymbolicName(t.getType()) + " " + t.getLine());
        }
        assertThat(ours).isEqualTo(antlr).isNotEmpty();
    }
}
