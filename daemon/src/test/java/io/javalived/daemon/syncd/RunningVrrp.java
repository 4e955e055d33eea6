package io.javalived.daemon.syncd;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.ipvs.CountingIpvsDriver;
import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.memory.InMemoryIpvsDriver;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseOptions;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.vrrp.config.VrrpConfigMapper;
import io.javalived.vrrp.config.VrrpPlan;
import io.javalived.vrrp.runtime.InMemoryPlatform;
import io.javalived.vrrp.runtime.InstanceStatus;
import io.javalived.vrrp.runtime.VrrpEngine;
import io.javalived.vrrp.state.VrrpState;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Test fixture: a VRRP engine on the in-memory platform with the VRRP side's {@link SyncDaemons} listening, over
 * the in-memory IPVS kernel behind a counting driver, from a keepalived.conf text written to {@code dir}.
 */
final class RunningVrrp implements AutoCloseable {
    final Path dir;
    final InMemoryIpvsDriver kernel = new InMemoryIpvsDriver();
    final CountingIpvsDriver counted = new CountingIpvsDriver(kernel);
    InMemoryPlatform platform;
    VrrpEngine engine;
    SyncDaemons syncDaemons;

    RunningVrrp(Path dir) {
        this.dir = dir;
    }

    KeepalivedConfig parse(String text) throws Exception {
        Path f = Files.writeString(dir.resolve("keepalived.conf"), text);
        return KeepalivedParser.parse(f, new ParseOptions("lb01", "lb01")).config();
    }

    /** Starts the engine for {@code text}; the sync daemons' driver comes from {@code drivers}. */
    KeepalivedConfig start(String text, Supplier<IpvsDriver> drivers) throws Exception {
        KeepalivedConfig config = parse(text);
        platform = new InMemoryPlatform(new InMemoryPlatform.Wire(), InetAddress.getByName("10.0.0.5"));
        VrrpPlan plan = VrrpConfigMapper.map(config, platform::primaryAddress);
        engine = new VrrpEngine(platform, plan.instances(), plan.syncGroups(), plan.groupNotifies());
        syncDaemons = SyncDaemons.forVrrp(config, drivers);
        engine.addStateListener(syncDaemons);
        engine.start();
        return config;
    }

    KeepalivedConfig start(String text) throws Exception {
        return start(text, () -> counted);
    }

    Optional<VrrpState> stateOf(String name) {
        return engine.status().stream().filter(i -> i.name().equals(name)).map(InstanceStatus::state).findFirst();
    }

    /** Stops the engine only (the sync daemons see STOP). */
    void stopEngine() {
        engine.close();
        engine = null;
    }

    static void await(BooleanSupplier c, String what) throws InterruptedException {
        for (int i = 0; i < 400 && !c.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertThat(c.getAsBoolean()).as(what).isTrue();
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        if (syncDaemons != null) {
            syncDaemons.close();
        }
    }
}
