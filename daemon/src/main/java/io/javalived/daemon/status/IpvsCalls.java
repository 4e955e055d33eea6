package io.javalived.daemon.status;

/**
 * The calls the checker subsystem made to the kernel's IPVS for one operation since the daemon started (reads
 * included), and how many of them the kernel refused.
 *
 * @param op     the operation, lower case: {@code add_service}, {@code edit_destination}, {@code list_services}...
 * @param calls  calls made, refused ones included
 * @param errors calls the kernel (or the driver) refused, including those tolerated as keepalived does
 *               (EEXIST on an add, ENOENT on a delete)
 */
public record IpvsCalls(String op, long calls, long errors) {}
