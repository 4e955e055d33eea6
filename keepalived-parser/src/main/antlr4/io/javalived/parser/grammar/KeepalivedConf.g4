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
 */
grammar KeepalivedConf;

config     : topEntry* EOF ;
topEntry   : entry
           | RBRACE                 // an extra '}' at top level: reported, ignored
           ;
entry      : LINE block?            // keyword line, possibly opening a block
           | block                  // a block with no keyword line before it: reported, skipped
           ;
block      : LBRACE entry* RBRACE ;

LBRACE     : '{' ;
RBRACE     : '}' ;
LINE       : WORD ([ \t]+ WORD)* ;
NL         : [\r\n]+ -> skip ;
COMMENT    : [#!] ~[\r\n]* -> skip ;
WS         : [ \t]+ -> skip ;

fragment WORD : ( ~[ \t\r\n{}"#!] | '"' ~["\r\n]* '"' )+ ;
