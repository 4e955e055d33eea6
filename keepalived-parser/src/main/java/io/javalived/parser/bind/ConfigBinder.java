package io.javalived.parser.bind;

import io.javalived.parser.ParseOptions;
import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Diagnostics;
import io.javalived.parser.model.CheckerKind;
import io.javalived.parser.model.GlobalDefs;
import io.javalived.parser.model.IpRoute;
import io.javalived.parser.model.IpRule;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.StaticEntries;
import io.javalived.parser.model.VirtualIpAddress;
import io.javalived.parser.model.RawBlock;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.VirtualServer;
import io.javalived.parser.model.VirtualServerGroup;
import io.javalived.parser.model.VrrpInstance;
import io.javalived.parser.model.VrrpScript;
import io.javalived.parser.model.VrrpSyncGroup;
import io.javalived.parser.syntax.Node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The root keyword table: takes top-level nodes one at a time (as the syntax reader produces them),
 * binds each block with its own table, and at the end resolves cross references and defaults into a
 * {@link KeepalivedConfig}.
 */
public final class ConfigBinder implements Consumer<Node> {
    private final BindContext ctx;
    private final GlobalDefsBinder globals;
    private final VrrpScriptBinder scripts;
    private final VrrpSyncGroupBinder syncGroups;
    private final VrrpInstanceBinder instances;
    private final VirtualServerGroupBinder vsGroups;
    private final VirtualServerBinder virtualServers;
    private final KeywordTable<Bound> root = new KeywordTable<>("the top level");

    private final GlobalDefsBinder.Builder globalBuilder = new GlobalDefsBinder.Builder();
    private final Map<String, VrrpScript> scriptByName = new LinkedHashMap<>();
    private final List<VrrpSyncGroupBinder.Builder> groupBuilders = new ArrayList<>();
    private final List<VrrpInstanceBinder.Builder> instanceBuilders = new ArrayList<>();
    private final List<VirtualServerGroup> groupList = new ArrayList<>();
    private final List<BoundVirtualServer> vsBuilders = new ArrayList<>();
    private final List<RawBlock> otherBlocks = new ArrayList<>();
    private final List<VirtualIpAddress> staticAddresses = new ArrayList<>();
    private final List<IpRoute> staticRoutes = new ArrayList<>();
    private final List<IpRule> staticRules = new ArrayList<>();
    private final List<RawValue> otherKeywords = new ArrayList<>();

    public ConfigBinder(Diagnostics diagnostics, ParseOptions options) {
        this.ctx = new BindContext(diagnostics, options);
        this.globals = new GlobalDefsBinder(ctx);
        this.scripts = new VrrpScriptBinder(ctx);
        this.syncGroups = new VrrpSyncGroupBinder(ctx);
        this.instances = new VrrpInstanceBinder(ctx);
        this.vsGroups = new VirtualServerGroupBinder(ctx);
        this.virtualServers = new VirtualServerBinder(ctx);
        // Each handler does the work that depends only on its own block (safe on any thread) and leaves
        // what touches the binder's state to an action applied later in file order (see prepare/commit).
        root.block("global_defs", (e, n) -> e.then(c -> globals.bind(n, globalBuilder)))
                .block("vrrp_script", (e, n) -> scripts.bind(n).ifPresent(s -> e.then(c -> {
                    if (scriptByName.putIfAbsent(s.name(), s) != null) {
                        ctx.diagnostics().warning(n.location(), DiagnosticCode.DUPLICATE,
                                "vrrp_script " + s.name() + " is defined twice - keeping the first");
                    }
                })))
                .block("vrrp_sync_group", (e, n) -> syncGroups.bind(n).ifPresent(g -> e.then(c -> groupBuilders.add(g))))
                .block("vrrp_instance", (e, n) -> instances.bind(n).ifPresent(i -> e.then(c -> instanceBuilders.add(i))))
                .block("virtual_server_group", (e, n) -> vsGroups.bind(n).ifPresent(g -> e.then(c -> groupList.add(g))))
                .block("virtual_server", (e, n) -> virtualServers.bind(n).ifPresent(v -> {
                    BoundVirtualServer bound = bindAhead(v);
                    e.then(c -> vsBuilders.add(bound));
                }))
                .block("static_ipaddress", (e, n) -> {
                    List<VirtualIpAddress> a = n.children().stream().filter(l -> !l.isOrphanBlock())
                            .flatMap(l -> VipParsing.parse(ctx, l).stream()).toList();
                    e.then(c -> c.staticAddresses.addAll(a));
                })
                .block("static_routes", (e, n) -> {
                    List<IpRoute> r = RouteRuleParsing.routes(ctx, n);
                    e.then(c -> c.staticRoutes.addAll(r));
                })
                .block("static_rules", (e, n) -> {
                    List<IpRule> r = RouteRuleParsing.rules(ctx, n);
                    e.then(c -> c.staticRules.addAll(r));
                })
                .deprecated("vrrp_track_file", KeywordTable.Shape.BLOCK,
                        "vrrp_track_file is deprecated - please use 'track_file'", ConfigBinder::keepRaw);
        for (String kw : List.of("linkbeat_interfaces", "track_group", "interface_up_down_delays", "garp_group",
                "bfd_instance")) {
            root.block(kw, ConfigBinder::keepRaw);
        }
        // Blocks kept raw whose keywords are still checked (unknown ones reported with a suggestion).
        checkedRaw("SSL", "password", "ca", "certificate", "key");
        checkedRaw("vrrp_track_process", "process", "param_match", "weight", "quorum", "quorum_max", "delay",
                "terminate_delay", "fork_delay", "full_command");
        checkedRaw("track_file", "file", "weight", "init_file");
        for (String kw : List.of("net_namespace", "net_namespace_ipvs", "namespace_with_ipsets", "use_pid_dir",
                "instance", "child_wait_time", "linkbeat_use_polling")) {
            root.value(kw, (e, n) -> {
                RawValue v = BindContext.raw(n);
                e.then(c -> otherKeywords.add(v));
            });
        }
        ctx.registerHome(globals.table());
        ctx.registerHome(scripts.table());
        ctx.registerHome(syncGroups.table());
        ctx.registerHome(instances.table());
        ctx.registerHome(instances.authTable());
        ctx.registerHome(virtualServers.table());
        ctx.registerHome(virtualServers.realTable());
        for (CheckerKind k : CheckerKind.values()) {
            ctx.registerHome(virtualServers.checkers().table(k));
        }
        ctx.registerHome(virtualServers.checkers().urlTable());
        rawTables.forEach(ctx::registerHome);
    }

    private final List<KeywordTable<Object>> rawTables = new ArrayList<>();

    private void checkedRaw(String block, String... keywords) {
        KeywordTable<Object> t = new KeywordTable<>(block);
        for (String k : keywords) {
            t.either(k, (o, n) -> { });
        }
        rawTables.add(t);
        root.block(block, (e, n) -> {
            t.bindAll(n, this, ctx);
            keepRaw(e, n);
        });
    }

    /** Keywords of every table, by block name: the recognised vocabulary (used by tests and docs). */
    public Map<String, Set<String>> vocabulary() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        out.put(root.blockName(), root.keywords());
        out.put(globals.table().blockName(), globals.table().keywords());
        out.put(scripts.table().blockName(), scripts.table().keywords());
        out.put(syncGroups.table().blockName(), syncGroups.table().keywords());
        out.put(instances.table().blockName(), instances.table().keywords());
        out.put(instances.authTable().blockName(), instances.authTable().keywords());
        out.put(virtualServers.table().blockName(), virtualServers.table().keywords());
        out.put(virtualServers.realTable().blockName(), virtualServers.realTable().keywords());
        for (CheckerKind k : CheckerKind.values()) {
            out.put(k.name(), virtualServers.checkers().table(k).keywords());
        }
        out.put("url", virtualServers.checkers().urlTable().keywords());
        out.put("host", virtualServers.checkers().hostTable().keywords());
        rawTables.forEach(t -> out.put(t.blockName(), t.keywords()));
        return out;
    }

    /**
     * One top-level entry bound by {@link #prepare}: the actions that still have to be applied to the
     * binder, in order, by {@link #commit}.
     */
    public static final class Bound {
        private Consumer<ConfigBinder> first;
        private List<Consumer<ConfigBinder>> more;

        void then(Consumer<ConfigBinder> action) {
            if (first == null) {
                first = action;
            } else {
                if (more == null) {
                    more = new ArrayList<>(2);
                }
                more.add(action);
            }
        }
    }

    private static void keepRaw(Bound e, Node n) {
        RawBlock raw = rawBlock(n);
        e.then(c -> c.otherBlocks.add(raw));
    }

    /**
     * Binds one top-level entry as far as it can be bound on its own. Safe to call from several threads
     * at once (each on its own entry); what it reports goes to the diagnostics as usual, so callers on
     * worker threads hold it back with {@link Diagnostics#deferInto} and commit it in file order.
     */
    public Bound prepare(Node node) {
        Bound e = new Bound();
        root.bind(node, e, ctx);
        return e;
    }

    /** Applies a prepared entry to the configuration; call in file order, from one thread. */
    public void commit(Bound e) {
        if (e.first != null) {
            e.first.accept(this);
        }
        if (e.more != null) {
            e.more.forEach(a -> a.accept(this));
        }
    }

    @Override
    public void accept(Node node) {
        commit(prepare(node));
    }

    private static RawBlock rawBlock(Node n) {
        List<RawValue> values = new ArrayList<>();
        List<RawBlock> blocks = new ArrayList<>();
        for (Node c : n.children()) {
            if (c.hasBlock()) {
                blocks.add(rawBlock(c));
            } else if (!c.isOrphanBlock()) {
                values.add(BindContext.raw(c));
            }
        }
        return new RawBlock(n.keyword(), n.args(), values, blocks, n.location());
    }

    /**
     * A bound virtual server: its builder, or, when it could be resolved on its own while the file was
     * still being read, its result and the diagnostics that resolution held back (added in file order at
     * {@link #finish}, as if it had been resolved there).
     */
    private record BoundVirtualServer(VirtualServerBinder.Builder builder, Optional<VirtualServer> resolved,
                                      Diagnostics.Deferred held) {}

    /**
     * Resolves a virtual server at once, on the thread that bound it, when nothing later in the file can
     * change the result: its address is not a group (group names are known only at the end) and it has no
     * SMTP_CHECK (the global HELO default may come later). So most of the work of {@link #finish} is done
     * while the lexer is still reading.
     */
    private BoundVirtualServer bindAhead(VirtualServerBinder.Builder v) {
        if (!virtualServers.resolvesAlone(v)) {
            return new BoundVirtualServer(v, null, null);
        }
        Diagnostics.Deferred held = new Diagnostics.Deferred();
        List<Optional<VirtualServer>> out = new ArrayList<>(1);
        ctx.diagnostics().deferInto(held, Diagnostics.Stage.RESOLUTION,
                () -> out.add(virtualServers.resolve(v, Set.of(), null)));
        return new BoundVirtualServer(null, out.getFirst(), held);
    }

    /** Below this many virtual servers, resolving them on a second thread is not worth starting one. */
    private static final int PARALLEL_RESOLVE_MIN = 2_000;

    /**
     * Resolves the virtual servers in file order. Each one depends only on itself, the group names and the
     * SMTP HELO default, so on a multi-core machine the second half is resolved on another thread, its
     * diagnostics held back and added after the first half's: the same report as one thread gives.
     */
    private List<VirtualServer> resolveVirtualServers(Set<String> groupNames, String helo) {
        int n = vsBuilders.size();
        if (n < PARALLEL_RESOLVE_MIN || Runtime.getRuntime().availableProcessors() < 2) {
            return resolveRange(0, n, groupNames, helo);
        }
        int mid = n / 2;
        Diagnostics diagnostics = ctx.diagnostics();
        Diagnostics.Deferred held = new Diagnostics.Deferred();
        List<List<VirtualServer>> second = new ArrayList<>(1);
        Throwable[] failure = new Throwable[1];
        Thread helper = Thread.ofPlatform().name("javalived-resolve").daemon(true).start(() -> {
            try {
                diagnostics.stage(Diagnostics.Stage.RESOLUTION);
                diagnostics.deferInto(held, () -> second.add(resolveRange(mid, n, groupNames, helo)));
            } catch (RuntimeException | Error e) {
                failure[0] = e;
            }
        });
        List<VirtualServer> out = resolveRange(0, mid, groupNames, helo);
        try {
            helper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving virtual servers", e);
        }
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        } else if (failure[0] instanceof Error err) {
            throw err;
        }
        diagnostics.commit(held);
        out.addAll(second.getFirst());
        return out;
    }

    private List<VirtualServer> resolveRange(int from, int to, Set<String> groupNames, String helo) {
        List<VirtualServer> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            BoundVirtualServer b = vsBuilders.get(i);
            if (b.resolved() != null) {
                ctx.diagnostics().commit(b.held());
                b.resolved().ifPresent(out::add);
            } else {
                virtualServers.resolve(b.builder(), groupNames, helo).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Resolves everything bound so far into the model. */
    public KeepalivedConfig finish(List<String> files) {
        String host = ctx.options().hostName();
        GlobalDefs g = globalBuilder.build(host);
        List<VrrpInstance> vis = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, VrrpInstance> byVrid = new LinkedHashMap<>();
        for (VrrpInstanceBinder.Builder b : instanceBuilders) {
            if (!names.add(b.name)) {
                ctx.diagnostics().error(b.location, DiagnosticCode.DUPLICATE,
                        "vrrp_instance " + b.name + " is defined twice - removing the second");
                continue;
            }
            instances.resolve(b, globalBuilder, scriptByName).ifPresent(i -> {
                String key = i.virtualRouterId() + "/" + i.family() + "/" + i.interfaceName().orElse("") + "/" + i.isUnicast();
                VrrpInstance prev = byVrid.putIfAbsent(key, i);
                if (prev != null) {
                    ctx.diagnostics().error(i.location(), DiagnosticCode.DUPLICATE, "(" + i.name()
                            + ") VRID " + i.virtualRouterId() + " is already used by " + prev.name()
                            + " on the same interface and family - removing");
                    return;
                }
                vis.add(i);
            });
        }
        Set<String> instanceNames = new HashSet<>();
        vis.forEach(i -> instanceNames.add(i.name()));
        List<VrrpSyncGroup> sgs = new ArrayList<>();
        Set<String> inAGroup = new HashSet<>();
        for (VrrpSyncGroupBinder.Builder b : groupBuilders) {
            syncGroups.resolve(b, instanceNames, inAGroup, scriptByName, globalBuilder.vrrpSmtpAlertDefault()).ifPresent(sgs::add);
        }
        Set<String> groupNames = new HashSet<>();
        groupList.forEach(vg -> groupNames.add(vg.name()));
        List<VirtualServer> vss = virtualServers.applySmtpAlertDefault(resolveVirtualServers(groupNames, g.smtpHeloName()),
                globalBuilder.checkerSmtpAlertDefault());
        return new KeepalivedConfig(g, List.copyOf(scriptByName.values()), sgs, vis, groupList, vss, otherBlocks,
                otherKeywords, files, new StaticEntries(staticAddresses, staticRoutes, staticRules));
    }
}
