package io.javalived.parser.bind;

import io.javalived.parser.model.NotifyScripts;
import io.javalived.parser.model.ScriptCommand;

import java.util.Optional;

/** Mutable notify scripts while a block is bound. */
final class NotifyBuilder {
    ScriptCommand master;
    ScriptCommand backup;
    ScriptCommand fault;
    ScriptCommand stop;
    ScriptCommand deleted;
    ScriptCommand generic;
    ScriptCommand masterRxLowerPri;

    NotifyScripts build() {
        return new NotifyScripts(Optional.ofNullable(master), Optional.ofNullable(backup), Optional.ofNullable(fault),
                Optional.ofNullable(stop), Optional.ofNullable(deleted), Optional.ofNullable(generic),
                Optional.ofNullable(masterRxLowerPri));
    }
}
