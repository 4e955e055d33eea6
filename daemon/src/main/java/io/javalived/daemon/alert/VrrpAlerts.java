package io.javalived.daemon.alert;

import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.VrrpInstance;
import io.javalived.parser.model.VrrpSyncGroup;
import io.javalived.vrrp.runtime.StateListener;
import io.javalived.vrrp.state.VrrpState;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * keepalived 2.2.7's VRRP alert mails (vrrp/vrrp_notify.c): for a vrrp_instance or vrrp_sync_group with
 * {@code smtp_alert} (its own, else global {@code smtp_alert_vrrp}, else {@code smtp_alert}), one mail per state it
 * enters that differs from the state of its last mail; FAULT not with global {@code no_email_faults}. Subjects
 * {@code [router_id] VRRP Instance NAME - Entering MASTER state} / {@code VRRP Group NAME - ...}; bodies as keepalived
 * writes them. Runs on the VRRP loop: it only queues (the {@link SmtpAlerter} sends).
 */
public final class VrrpAlerts implements StateListener {
    private final SmtpAlerter alerter;
    private volatile Set<String> instances;
    private volatile Set<String> groups;
    private volatile boolean noEmailFaults;
    private final Map<String, VrrpState> lastMailed = new ConcurrentHashMap<>();

    public VrrpAlerts(SmtpAlerter alerter, KeepalivedConfig config) {
        this.alerter = alerter;
        reconfigure(config);
    }

    /**
     * A reload's configuration: which instances and groups mail from now on (their last mailed state is kept). One the
     * reload removes keeps its flag, so its Stopping mail still goes (keepalived mails "Entering FAULT state" or, with
     * notify_deleted, "Deleted" for it).
     */
    public void reconfigure(KeepalivedConfig config) {
        Set<String> old = instances == null ? Set.of() : instances;
        Set<String> oldGroups = groups == null ? Set.of() : groups;
        this.instances = flags(old, config.vrrpInstances().stream()
                .collect(Collectors.toMap(VrrpInstance::name, VrrpInstance::smtpAlert, (a, b) -> b)));
        this.groups = flags(oldGroups, config.vrrpSyncGroups().stream()
                .collect(Collectors.toMap(VrrpSyncGroup::name, VrrpSyncGroup::smtpAlert, (a, b) -> b)));
        this.noEmailFaults = globalFlag(config, "no_email_faults");
    }

    private static Set<String> flags(Set<String> before, Map<String, Boolean> now) {
        Set<String> out = new java.util.HashSet<>(before);
        now.forEach((name, on) -> {
            if (on) out.add(name);
            else out.remove(name);
        });
        return Set.copyOf(out);
    }

    /** A global_defs keyword without a value that the parser keeps as written (no_email_faults, no_checker_emails). */
    static boolean globalFlag(KeepalivedConfig config, String keyword) {
        return config.globalDefs().other().stream().map(RawValue::keyword).anyMatch(keyword::equals);
    }

    @Override
    public void stateChanged(String instance, VrrpState from, VrrpState to) {
        if (!instances.contains(instance)) return;
        String body = switch (to) {
            case MASTER -> "=> VRRP Instance is now owning VRRP VIPs <=";
            case BACKUP, FAULT -> "=> VRRP Instance is no longer owning VRRP VIPs <=";
            case STOP -> "=> VRRP Instance stopping <=";
            case INIT -> null;
        };
        mail("i:" + instance, "VRRP Instance " + instance, to, body);
    }

    @Override
    public void groupStateChanged(String group, VrrpState to) {
        if (!groups.contains(group)) return;
        String body = switch (to) {
            case MASTER -> "=> All VRRP group instances are now in MASTER state <=";
            case BACKUP -> "=> All VRRP group instances are now in BACKUP state <=";
            case FAULT -> "=> All VRRP group instances are now in FAULT state <=";
            case STOP -> "=> All VRRP group instances are now stopping <=";
            case INIT -> null;
        };
        mail("g:" + group, "VRRP Group " + group, to, body);
    }

    private void mail(String key, String what, VrrpState to, String body) {
        if (body == null || (noEmailFaults && to == VrrpState.FAULT)) return;
        if (lastMailed.put(key, to) == to) return;
        alerter.alert(what + " - " + subject(to), body);
    }

    private static String subject(VrrpState to) {
        return switch (to) {
            case MASTER -> "Entering MASTER state";
            case BACKUP -> "Entering BACKUP state";
            case FAULT -> "Entering FAULT state";
            case STOP -> "Stopping";
            case INIT -> "";
        };
    }
}
