package io.javalived.parser.model;

/** The IPVS service protocol ({@code protocol TCP|UDP|SCTP}). */
public enum ServiceProtocol { TCP, UDP, SCTP }
