package io.javalived.ipvs;

import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.Libc;

/**
 * The kernel (or the in-memory kernel) refused an IPVS operation. Carries the errno and the operation,
 * and reads as ipvsadm would say it: {@code add service TCP 10.0.0.3:80: Service already exists (EEXIST)}.
 */
public class IpvsException extends RuntimeException {
    private final IpvsOperation operation;
    private final int errno;
    private final String subject;

    public IpvsException(IpvsOperation operation, int errno, String subject) {
        super(describeOperation(operation) + (subject == null || subject.isEmpty() ? "" : " " + subject) + ": "
                + reason(operation, errno) + " (" + Errno.nameOf(errno) + ")");
        this.operation = operation;
        this.errno = errno;
        this.subject = subject;
    }

    public IpvsException(IpvsOperation operation, Errno errno, String subject) {
        this(operation, errno.number(), subject);
    }

    public IpvsOperation operation() {
        return operation;
    }

    public int errno() {
        return errno;
    }

    public boolean is(Errno e) {
        return e.number() == errno;
    }

    public String subject() {
        return subject;
    }

    /** ipvsadm's text for this failure (the same wording its library uses for each operation and errno). */
    public String reason() {
        return reason(operation, errno);
    }

    static String describeOperation(IpvsOperation op) {
        return switch (op) {
            case GET_INFO -> "get IPVS info";
            case GET_TIMEOUTS -> "get timeouts";
            case SET_TIMEOUTS -> "set timeouts";
            case LIST_SERVICES -> "list services";
            case GET_SERVICE -> "get service";
            case ADD_SERVICE -> "add service";
            case EDIT_SERVICE -> "edit service";
            case DELETE_SERVICE -> "delete service";
            case FLUSH -> "flush";
            case LIST_DESTINATIONS -> "list destinations of";
            case ADD_DESTINATION -> "add destination";
            case EDIT_DESTINATION -> "edit destination";
            case DELETE_DESTINATION -> "delete destination";
            case ZERO -> "zero counters";
            case START_DAEMON -> "start sync daemon";
            case STOP_DAEMON -> "stop sync daemon";
            case LIST_DAEMONS -> "list sync daemons";
        };
    }

    /** ipvsadm 1.31's message for an errno from an operation. */
    public static String reason(IpvsOperation op, int errno) {
        Errno e = Errno.of(errno);
        if (e != null) {
            String specific = switch (op) {
                case ADD_SERVICE -> e == Errno.EEXIST ? "Service already exists"
                        : e == Errno.ENOENT ? "Scheduler or persistence engine not found" : null;
                case EDIT_SERVICE -> e == Errno.ESRCH ? "No such service"
                        : e == Errno.ENOENT ? "Scheduler or persistence engine not found" : null;
                case DELETE_SERVICE, ZERO, GET_SERVICE, LIST_SERVICES, LIST_DESTINATIONS ->
                        e == Errno.ESRCH ? "No such service" : null;
                case ADD_DESTINATION -> e == Errno.ESRCH ? "Service not defined"
                        : e == Errno.EEXIST ? "Destination already exists" : null;
                case EDIT_DESTINATION, DELETE_DESTINATION -> e == Errno.ESRCH ? "Service not defined"
                        : e == Errno.ENOENT ? "No such destination" : null;
                case START_DAEMON -> e == Errno.EEXIST ? "Daemon has already run" : null;
                case STOP_DAEMON -> e == Errno.ESRCH ? "No daemon is running" : null;
                default -> null;
            };
            if (specific != null) {
                return specific;
            }
            String general = switch (e) {
                case EPERM -> "Permission denied (you must be root)";
                case EINVAL -> "Invalid operation.  Possibly wrong module version, address not unicast, ...";
                case ENOPROTOOPT -> "Protocol not available";
                case ENOMEM -> "Memory allocation problem";
                case EOPNOTSUPP -> "Operation not supported with IPv6";
                case EAFNOSUPPORT -> "Operation not supported with specified address family";
                case EMSGSIZE -> "Module is wrong version";
                default -> null;
            };
            if (general != null) {
                return general;
            }
        }
        return Libc.strerror(errno);
    }
}
