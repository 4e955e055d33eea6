package io.javalived.vrrp.runtime;

import java.util.Optional;

/** The in-memory twin against the VMAC contract. */
class InMemoryVmacLinksTest extends VmacLinksContract {
    private final InMemoryPlatform host = new InMemoryPlatform(new InMemoryPlatform.Wire(), EngineInMemoryTest.ip("10.0.0.5"));

    @Override
    protected VmacLinks links() {
        return host.newVmacLinks();
    }

    @Override
    protected Optional<String> macOf(String name) {
        return host.macOf(name);
    }

    @Override
    protected void addOtherInterface(String name) {
        host.setLink(name, true);
    }
}
