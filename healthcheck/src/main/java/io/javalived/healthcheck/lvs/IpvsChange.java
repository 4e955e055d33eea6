package io.javalived.healthcheck.lvs;

import io.javalived.ipvs.Addresses;
import io.javalived.ipvs.Destination;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.VirtualService;

/** One kernel call the reconciler decided on: a closed set, printable for logs and reload plans. */
public sealed interface IpvsChange {

    ServiceKey service();

    record AddService(VirtualService virtualService) implements IpvsChange {
        public ServiceKey service() {
            return virtualService.key();
        }

        @Override
        public String toString() {
            return "add service " + virtualService.key() + " " + virtualService.scheduler();
        }
    }

    record EditService(VirtualService virtualService) implements IpvsChange {
        public ServiceKey service() {
            return virtualService.key();
        }

        @Override
        public String toString() {
            return "edit service " + virtualService.key() + " " + virtualService.scheduler();
        }
    }

    record DeleteService(ServiceKey service) implements IpvsChange {
        @Override
        public String toString() {
            return "delete service " + service;
        }
    }

    record AddDestination(ServiceKey service, Destination destination) implements IpvsChange {
        @Override
        public String toString() {
            return "add real server " + destination + " weight " + destination.weight() + " to " + service;
        }
    }

    record EditDestination(ServiceKey service, Destination destination) implements IpvsChange {
        @Override
        public String toString() {
            return "set real server " + destination + " weight " + destination.weight() + " in " + service;
        }
    }

    record DeleteDestination(ServiceKey service, Destination destination) implements IpvsChange {
        @Override
        public String toString() {
            return "remove real server " + Addresses.withPort(destination.address(), destination.port()) + " from " + service;
        }
    }
}
