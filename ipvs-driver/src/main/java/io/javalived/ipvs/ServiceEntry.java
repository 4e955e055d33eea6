package io.javalived.ipvs;

/**
 * A virtual service as listed by the kernel: its settings, its counters in the 64-bit variant
 * ({@code stats}, what ipvsadm prints) and the 32-bit variant ({@code stats32}, older kernels' only
 * form; equal to {@code stats} truncated).
 */
public record ServiceEntry(VirtualService service, Stats stats, Stats stats32) {
    public ServiceKey key() {
        return service.key();
    }
}
