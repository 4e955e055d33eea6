package io.javalived.parser.model;

/** A checker that probes every {@code delay_loop}, with retries: everything but FILE_CHECK and BFD_CHECK. */
public sealed interface ScheduledChecker extends Checker
        permits TcpCheck, HttpGet, SslGet, MiscCheck, SmtpCheck, DnsCheck, UdpCheck, PingCheck {

    CheckerSettings settings();
}
