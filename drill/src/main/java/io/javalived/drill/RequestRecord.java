package io.javalived.drill;

/**
 * One client request to the VIP.
 *
 * @param seq        its number, in the order sent
 * @param sentAt     seconds since the drill's clock started
 * @param latencyMs  how long it took, to the answer or to the failure
 * @param answeredBy the host name the server answered with; null when it failed
 * @param failure    why it failed (timeout, refused, ...); null when it was answered
 */
public record RequestRecord(long seq, double sentAt, double latencyMs, String answeredBy, String failure) {
    public boolean ok() {
        return answeredBy != null;
    }
}
