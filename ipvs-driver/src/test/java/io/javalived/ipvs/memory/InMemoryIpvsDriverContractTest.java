package io.javalived.ipvs.memory;

import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsDriverContract;

class InMemoryIpvsDriverContractTest extends IpvsDriverContract {
    @Override
    protected IpvsDriver openDriver() {
        InMemoryIpvsDriver kernel = new InMemoryIpvsDriver();
        kernel.addInterface(MULTICAST_IF, MULTICAST_IF_MTU);
        return kernel;
    }
}
