package io.javalived.daemon.anycast;

/** The in-memory twin passes the contract. */
class InMemoryRouteAnnouncerTest extends RouteAnnouncerContract {
    @Override
    protected RouteAnnouncer open() {
        return new InMemoryRouteAnnouncer();
    }
}
