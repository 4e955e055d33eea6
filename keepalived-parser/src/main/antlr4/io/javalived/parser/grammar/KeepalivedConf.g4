/*
 * keepalived.conf after preprocessing (comments, @id conditionals, $NAME definitions and expansion,
 * ~SEQ/~LST, include): keyword lines, each optionally followed by a { ... } block. Braces are tokens of
 * their own wherever they appear outside double quotes, so "name {", "name" + "{" on the next line and
 * one-liners "virtual_ipaddress { 10.0.0.3 }" all give the same tree.
 *
 * A LINE token is one keyword line: the keyword and its arguments up to a brace or the end of the line
 * (double quotes group words). At run time the tokens come from io.javalived.parser.lex.ConfigLexer,
 * which does keepalived's line preprocessing and emits exactly these token types, each LINE carrying its
 * words; the lexer rules below describe the same post-preprocessing token language and are used by the
 * tests to cross-check it.
 *
 * The parser builds no ANTLR parse tree: its actions hand each keyword line, block opening and block end
 * to an io.javalived.parser.syntax.NodeSink, which builds the syntax tree the binder walks (a keyword line
 * costs no rule context of its own).
 *
 * HEAD is a keyword line that opens a block: the reader of ConfigLexer's tokens (SyntaxReader) turns a
 * LINE followed by '{' into a HEAD, so every decision below is made on one token of look-ahead (ANTLR
 * generates plain switches, no adaptive prediction). The lexer rules below never produce it.
 */
grammar KeepalivedConf;

tokens { HEAD }

@parser::members {
    private io.javalived.parser.syntax.NodeSink sink;

    /** Where the recognised lines and blocks go; set before each parse. */
    public void setSink(io.javalived.parser.syntax.NodeSink sink) {
        this.sink = sink;
    }
}

config     : topEntry* EOF ;
topEntry   : HEAD {sink.line($HEAD);} block[true]     // keyword line opening a block
           | LINE {sink.line($LINE);}                 // keyword line
           | block[false]            // a block with no keyword line before it: reported, skipped
           | RBRACE {sink.strayClose($RBRACE);}       // an extra '}' at top level: reported, ignored
           ;
// owned: the block belongs to the keyword line just before it
block[boolean owned]
           : LBRACE {sink.open($owned, $LBRACE);}
             ( HEAD {sink.line($HEAD);} block[true] | LINE {sink.line($LINE);} | block[false] )*
             RBRACE {sink.close($RBRACE);}
           ;

LBRACE     : '{' ;
RBRACE     : '}' ;
LINE       : WORD ([ \t]+ WORD)* ;
NL         : [\r\n]+ -> skip ;
COMMENT    : [#!] ~[\r\n]* -> skip ;
WS         : [ \t]+ -> skip ;

fragment WORD : ( ~[ \t\r\n{}"#!] | '"' ~["\r\n]* '"' )+ ;
