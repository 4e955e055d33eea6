package io.javalived.parser.bind;

import io.javalived.parser.ParseOptions;
import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Diagnostics;
import io.javalived.parser.model.CheckerKind;
import io.javalived.parser.model.GlobalDefs;
import io.javalived.parser.model.KeepalivedConfig;
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
    private final KeywordTable<ConfigBinder> root = new KeywordTable<>("the top level");

    private final GlobalDefsBinder.Builder globalBuilder = new GlobalDefsBinder.Builder();
    private final Map<String, VrrpScript> scriptByName = new LinkedHashMap<>();
    private final List<VrrpSyncGroupBinder.Builder> groupBuilders = new ArrayList<>();
    private final List<VrrpInstanceBinder.Builder> instanceBuilders = new ArrayList<>();
    private final List<VirtualServerGroup> groupList = new ArrayList<>();
    private final List<VirtualServerBinder.Builder> vsBuilders = new ArrayList<>();
    private final List<RawBlock> otherBlocks = new ArrayList<>();
    private final List<RawValue> otherKeywords = new ArrayList<>();

    public ConfigBinder(Diagnostics diagnostics, ParseOptions options) {
        this.ctx = new BindContext(diagnostics, options);
        this.globals = new GlobalDefsBinder(ctx);
        this.scripts = new VrrpScriptBinder(ctx);
        this.syncGroups = new VrrpSyncGroupBinder(ctx);
        this.instances = new VrrpInstanceBinder(ctx);
        this.vsGroups = new VirtualServerGroupBinder(ctx);
        this.virtualServers = new VirtualServerBinder(ctx);
        root.block("global_defs", (c, n) -> globals.bind(n, globalBuilder))
                .block("vrrp_script", (c, n) -> scripts.bind(n).ifPresent(s -> {
                    if (scriptByName.putIfAbsent(s.name(), s) != null) {
                        ctx.diagnostics().warning(n.location(), DiagnosticCode.DUPLICATE,
                                "vrrp_script " + s.name() + " is defined twice - keeping the first");
                    }
                }))
                .block("vrrp_sync_group", (c, n) -> syncGroups.bind(n).ifPresent(groupBuilders::add))
                .block("vrrp_instance", (c, n) -> instances.bind(n).ifPresent(instanceBuilders::add))
                .block("virtual_server_group", (c, n) -> vsGroups.bind(n).ifPresent(groupList::add))
                .block("virtual_server", (c, n) -> virtualServers.bind(n).ifPresent(vsBuilders::add))
                .block("static_ipaddress", (c, n) -> {
                    n.children().stream().filter(l -> !l.words().isEmpty()).forEach(l -> VipParsing.parse(ctx, l));
                    otherBlocks.add(rawBlock(n));
                })
                .block("static_routes", (c, n) -> {
                    RouteRuleChecks.routes(ctx, n);
                    otherBlocks.add(rawBlock(n));
                })
                .block("static_rules", (c, n) -> {
                    RouteRuleChecks.rules(ctx, n);
                    otherBlocks.add(rawBlock(n));
                })
                .deprecated("vrrp_track_file", KeywordTable.Shape.BLOCK,
                        "vrrp_track_file is deprecated - please use 'track_file'", (c, n) -> otherBlocks.add(rawBlock(n)));
        for (String kw : List.of("linkbeat_interfaces", "track_group", "interface_up_down_delays", "garp_group",
                "bfd_instance")) {
            root.block(kw, (c, n) -> otherBlocks.add(rawBlock(n)));
        }
        // Blocks kept raw whose keywords are still checked (unknown ones reported with a suggestion).
        checkedRaw("SSL", "password", "ca", "certificate", "key");
        checkedRaw("vrrp_track_process", "process", "param_match", "weight", "quorum", "quorum_max", "delay",
                "terminate_delay", "fork_delay", "full_command");
        checkedRaw("track_file", "file", "weight", "init_file");
        for (String kw : List.of("net_namespace", "net_namespace_ipvs", "namespace_with_ipsets", "use_pid_dir",
                "instance", "child_wait_time", "linkbeat_use_polling")) {
            root.value(kw, (c, n) -> otherKeywords.add(BindContext.raw(n)));
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
        root.block(block, (c, n) -> {
            t.bindAll(n, this, ctx);
            otherBlocks.add(rawBlock(n));
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

    @Override
    public void accept(Node node) {
        root.bind(node, this, ctx);
    }

    private static RawBlock rawBlock(Node n) {
        List<RawValue> values = new ArrayList<>();
        List<RawBlock> blocks = new ArrayList<>();
        for (Node c : n.children()) {
            if (c.hasBlock()) {
                blocks.add(rawBlock(c));
            } else if (!c.words().isEmpty()) {
                values.add(BindContext.raw(c));
            }
        }
        return new RawBlock(n.keyword(), n.args(), values, blocks, n.location());
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
        for (VrrpSyncGroupBinder.Builder b : groupBuilders) {
            syncGroups.resolve(b, instanceNames, scriptByName).ifPresent(sgs::add);
        }
        Set<String> groupNames = new HashSet<>();
        groupList.forEach(vg -> groupNames.add(vg.name()));
        List<VirtualServer> vss = new ArrayList<>();
        for (VirtualServerBinder.Builder b : vsBuilders) {
            virtualServers.resolve(b, groupNames, g.smtpHeloName()).ifPresent(vss::add);
        }
        return new KeepalivedConfig(g, List.copyOf(scriptByName.values()), sgs, vis, groupList, vss, otherBlocks,
                otherKeywords, files);
    }
}
