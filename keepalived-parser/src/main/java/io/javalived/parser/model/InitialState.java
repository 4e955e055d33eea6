package io.javalived.parser.model;

/** The initial state an instance asks for ({@code state MASTER|BACKUP}). */
public enum InitialState { MASTER, BACKUP }
