package io.javalived.ipvs.cli;

/** ipvsadm's exit(): ends the command with a status after its message went to stderr. */
final class IpvsadmExit extends RuntimeException {
    final int status;

    IpvsadmExit(int status) {
        super(null, null, false, false);
        this.status = status;
    }
}
