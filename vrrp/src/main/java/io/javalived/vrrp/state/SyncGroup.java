package io.javalived.vrrp.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * vrrp_sync_group semantics over member state machines (reference section 2.9): a member goes MASTER
 * only when every member wants MASTER (its down timer expired) or already is; a member falling back to
 * BACKUP pulls the masters with it; a member in FAULT puts the whole group in FAULT until every member's
 * own fault clears; a MASTER member hearing a lower-priority advert has every MASTER member send its
 * garp_lower_prio batch. A member still in INIT (waiting for its scripts) wants nothing, so the others wait too. The group's own state changes are reported once per group state.
 */
public final class SyncGroup {
    private final String name;
    private final Map<String, VrrpStateMachine> members = new LinkedHashMap<>();
    private final Map<String, Boolean> heldInFault = new LinkedHashMap<>();
    private VrrpState groupState = VrrpState.INIT;
    private final Consumer<GroupStateChanged> groupListener;

    public SyncGroup(String name, List<VrrpStateMachine> machines, Consumer<GroupStateChanged> groupListener) {
        if (machines.isEmpty()) {
            // keepalived keeps a group of one (its group scripts and trackers still apply), not an empty one
            throw new IllegalArgumentException("vrrp_sync_group " + name + " has no member");
        }
        for (VrrpStateMachine m : machines) {
            if (!m.settings().syncGroupMember()) {
                throw new IllegalArgumentException("instance " + m.settings().name() + " is not marked as a sync group member");
            }
            members.put(m.settings().name(), m);
        }
        this.name = name;
        this.groupListener = groupListener;
    }

    public String name() {
        return name;
    }

    public boolean contains(String instance) {
        return members.containsKey(instance);
    }

    public VrrpState state() {
        return groupState;
    }

    /** Hands the event to one member and applies the group rules to what follows; returns every member's steps. */
    public List<Step> handle(String instance, VrrpEvent event, long now) {
        List<Step> steps = new ArrayList<>();
        VrrpStateMachine m = members.get(instance);
        if (m == null) throw new IllegalArgumentException(instance + " is not in sync group " + name);
        apply(instance, m.handle(event, now), steps, now);
        return steps;
    }

    /** Fires due timers of every member. */
    public List<Step> tick(long now) {
        List<Step> steps = new ArrayList<>();
        for (var e : members.entrySet()) {
            if (e.getValue().nextDeadline() <= now) apply(e.getKey(), e.getValue().handle(VrrpEvent.TICK, now), steps, now);
        }
        return steps;
    }

    public long nextDeadline() {
        return members.values().stream().mapToLong(VrrpStateMachine::nextDeadline).min().orElse(VrrpStateMachine.NEVER);
    }

    private void apply(String instance, List<VrrpAction> actions, List<Step> steps, long now) {
        for (VrrpAction a : actions) {
            steps.add(new Step(instance, a));
        }
        for (VrrpAction a : actions) {
            switch (a) {
                case VrrpAction.WantMaster w -> {
                    boolean all = members.values().stream()
                            .allMatch(x -> x.state() == VrrpState.MASTER || x.wantsMaster());
                    if (all) {
                        for (var e : members.entrySet()) {
                            if (e.getValue().state() == VrrpState.BACKUP) {
                                emit(e.getKey(), e.getValue().handle(new VrrpEvent.GroupPromote(), now), steps);
                            }
                        }
                    }
                }
                case VrrpAction.MasterRxLowerPriority lp -> {
                    // keepalived sends the other members' garp_lower_prio batches too.
                    for (var e : members.entrySet()) {
                        if (!e.getKey().equals(instance) && e.getValue().state() == VrrpState.MASTER) {
                            emit(e.getKey(), e.getValue().handle(new VrrpEvent.GroupLowerPriority(), now), steps);
                        }
                    }
                }
                case VrrpAction.StateChanged sc when sc.from() == VrrpState.MASTER && sc.to() == VrrpState.BACKUP -> {
                    for (var e : members.entrySet()) {
                        if (!e.getKey().equals(instance) && e.getValue().state() == VrrpState.MASTER) {
                            emit(e.getKey(), e.getValue().handle(new VrrpEvent.GroupDemote(instance + " went BACKUP"), now), steps);
                        }
                    }
                }
                default -> { }
            }
        }
        // Each member is held in FAULT while any other member has a fault of its own.
        for (var e : members.entrySet()) {
            boolean othersFaulty = members.entrySet().stream()
                    .anyMatch(o -> !o.getKey().equals(e.getKey()) && o.getValue().faulty());
            if (othersFaulty != heldInFault.getOrDefault(e.getKey(), false)) {
                heldInFault.put(e.getKey(), othersFaulty);
                String why = othersFaulty ? faultyNames() + " in FAULT" : "every member's fault cleared";
                emit(e.getKey(), e.getValue().handle(new VrrpEvent.GroupFault(othersFaulty, why), now), steps);
            }
        }
        updateGroupState();
    }

    private String faultyNames() {
        return String.join(", ", members.entrySet().stream().filter(e -> e.getValue().faulty()).map(Map.Entry::getKey).toList());
    }

    private void emit(String instance, List<VrrpAction> actions, List<Step> steps) {
        for (VrrpAction a : actions) steps.add(new Step(instance, a));
    }

    private void updateGroupState() {
        VrrpState first = null;
        for (VrrpStateMachine m : members.values()) {
            if (first == null) first = m.state();
            else if (m.state() != first) return;
        }
        if (first != null && first != groupState) {
            groupState = first;
            if (groupListener != null) groupListener.accept(new GroupStateChanged(name, first));
        }
    }
}
