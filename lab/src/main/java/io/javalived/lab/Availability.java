package io.javalived.lab;

/**
 * Whether a lab facility (namespaces, the VM) can run here, and if not, why: the reason is meant for
 * {@code Assumptions.assumeTrue(a.available(), a.reason())}.
 */
public record Availability(boolean available, String reason) {
    public static final Availability YES = new Availability(true, "available");

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
