package io.javalived.net.ffm;

/**
 * A system call or kernel request failed with an errno. The message names the operation, the errno
 * symbolically and the C library's text, e.g. {@code bind(AF_NETLINK): EPERM (Operation not permitted)}.
 */
public class ErrnoException extends NativeException {
    private final int errno;
    private final String operation;

    public ErrnoException(String operation, int errno) {
        this(operation, errno, null);
    }

    /** @param detail extra text from the kernel (netlink extended ack), or null */
    public ErrnoException(String operation, int errno, String detail) {
        super(operation + ": " + Errno.nameOf(errno) + " (" + Libc.strerror(errno) + ")"
                + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.errno = errno;
        this.operation = operation;
    }

    public int errno() {
        return errno;
    }

    /** The symbolic errno, or null when it is not one {@link Errno} names. */
    public Errno symbol() {
        return Errno.of(errno);
    }

    public boolean is(Errno e) {
        return e.number() == errno;
    }

    public String operation() {
        return operation;
    }
}
