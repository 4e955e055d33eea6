package io.javalived.ipvs.memory;

import io.javalived.ipvs.CountingIpvsDriver;
import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsDriverContract;

/** The counting decorator changes nothing a caller sees: the whole contract holds through it. */
class CountingIpvsDriverContractTest extends IpvsDriverContract {
    @Override
    protected IpvsDriver openDriver() {
        InMemoryIpvsDriver kernel = new InMemoryIpvsDriver();
        kernel.addInterface(MULTICAST_IF, MULTICAST_IF_MTU);
        return new CountingIpvsDriver(kernel);
    }
}
