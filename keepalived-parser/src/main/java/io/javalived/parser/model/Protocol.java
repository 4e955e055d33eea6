package io.javalived.parser.model;

/** The IPVS service protocol ({@code protocol TCP|UDP|SCTP}). */
public enum Protocol { TCP, UDP, SCTP }
