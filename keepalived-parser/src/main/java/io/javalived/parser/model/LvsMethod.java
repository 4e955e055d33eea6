package io.javalived.parser.model;

/** The IPVS forwarding method ({@code lvs_method}/{@code lb_kind}): masquerading, direct routing, tunnelling. */
public enum LvsMethod { NAT, DR, TUN }
