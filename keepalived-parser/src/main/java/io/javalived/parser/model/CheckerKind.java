package io.javalived.parser.model;

/** The checker block names, as written in keepalived.conf. */
public enum CheckerKind {
    TCP_CHECK, HTTP_GET, SSL_GET, MISC_CHECK, SMTP_CHECK, DNS_CHECK, UDP_CHECK, PING_CHECK, FILE_CHECK, BFD_CHECK
}
