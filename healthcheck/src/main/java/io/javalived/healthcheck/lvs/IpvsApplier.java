package io.javalived.healthcheck.lvs;

import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsException;
import io.javalived.net.ffm.Errno;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs one {@link IpvsChange} on the driver with keepalived's tolerance (reference 3.1): EEXIST on
 * an add and ENOENT/ESRCH on a delete count as done; a destination edit that finds no destination
 * (ENOENT) is retried as an add, a service edit that finds no service (ESRCH) as an add. Beyond
 * keepalived, a destination someone else already added (EEXIST) is edited to our settings. Any other
 * error is logged with the object and reported as not done, so the caller retries later; it never throws.
 */
final class IpvsApplier {

    private static final Logger log = LoggerFactory.getLogger(IpvsApplier.class);

    private final IpvsDriver driver;

    IpvsApplier(IpvsDriver driver) {
        this.driver = driver;
    }

    /** True when the kernel now holds what the change asked for. */
    boolean apply(IpvsChange change) {
        return apply(change, 0);
    }

    private boolean apply(IpvsChange change, int fallback) {
        try {
            perform(change);
            log.info("IPVS: {}", change);
            return true;
        } catch (IpvsException e) {
            if (fallback > 0) {
                log.error("IPVS cmd {} error: {}", change, e.getMessage());
                return false;
            }
            return tolerate(change, e);
        } catch (RuntimeException e) {
            log.error("IPVS cmd {} error: {}", change, e.toString());
            return false;
        }
    }

    private void perform(IpvsChange change) {
        switch (change) {
            case IpvsChange.AddService a -> driver.addService(a.virtualService());
            case IpvsChange.EditService e -> driver.editService(e.virtualService());
            case IpvsChange.DeleteService d -> driver.deleteService(d.service());
            case IpvsChange.AddDestination a -> driver.addDestination(a.service(), a.destination());
            case IpvsChange.EditDestination e -> driver.editDestination(e.service(), e.destination());
            case IpvsChange.DeleteDestination d -> driver.deleteDestination(d.service(), d.destination().address(),
                    d.destination().normalizedFor(d.service()).port());
        }
    }

    private boolean tolerate(IpvsChange change, IpvsException e) {
        boolean exists = e.is(Errno.EEXIST);
        boolean missing = e.is(Errno.ENOENT) || e.is(Errno.ESRCH);
        switch (change) {
            case IpvsChange.AddService a when exists -> {
                log.warn("IPVS: service {} already exists (added by someone else); using it", a.service());
                return apply(new IpvsChange.EditService(a.virtualService()), 1);
            }
            case IpvsChange.AddDestination a when exists -> {
                log.warn("IPVS: real server {} already in {} (added by someone else); setting our weight", a.destination(), a.service());
                return apply(new IpvsChange.EditDestination(a.service(), a.destination()), 1);
            }
            case IpvsChange.DeleteService d when missing -> {
                log.info("IPVS: service {} was already gone", d.service());
                return true;
            }
            case IpvsChange.DeleteDestination d when missing -> {
                log.info("IPVS: real server {} was already gone from {}", d.destination(), d.service());
                return true;
            }
            case IpvsChange.EditDestination ed when e.is(Errno.ENOENT) -> {
                log.info("IPVS: real server {} missing from {}; adding it", ed.destination(), ed.service());
                return apply(new IpvsChange.AddDestination(ed.service(), ed.destination()), 1);
            }
            case IpvsChange.EditService es when e.is(Errno.ESRCH) -> {
                log.info("IPVS: service {} missing; adding it", es.service());
                return apply(new IpvsChange.AddService(es.virtualService()), 1);
            }
            default -> {
                log.error("IPVS cmd {} error: {}", change, e.getMessage());
                return false;
            }
        }
    }
}
