package io.javalived.ipvs.memory;

import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsDriverContract;

class InMemoryIpvsDriverContractTest extends IpvsDriverContract {
    @Override
    protected IpvsDriver openDriver() {
        return new InMemoryIpvsDriver();
    }
}
