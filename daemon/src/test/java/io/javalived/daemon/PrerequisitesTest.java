package io.javalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The busybox check on stand-ins: absent, without the httpd applet, with it. */
class PrerequisitesTest {
    @TempDir
    Path dir;

    Path fakeBusybox(String applets) throws Exception {
        Path f = dir.resolve("busybox");
        Files.writeString(f, "#!/bin/sh\n[ \"$1\" = --list ] && printf '" + applets + "'\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    @Test
    void absentOrWithoutHttpdIsAReasonToSkipWithHttpdItIsNot() throws Exception {
        assertThat(Prerequisites.busyboxHttpdMissing(Optional.empty())).get().asString()
                .contains("busybox is not installed (apt-get install busybox-static)");
        assertThat(Prerequisites.busyboxHttpdMissing(Optional.of(fakeBusybox("ls\\nping\\n")))).get().asString()
                .endsWith("busybox has no httpd applet (busybox --list); the real servers here are busybox httpd");
        assertThat(Prerequisites.busyboxHttpdMissing(Optional.of(fakeBusybox("ls\\nhttpd\\nping\\n")))).isEmpty();
        assertThat(Prerequisites.onPath("no-such-program-here")).isEmpty();
    }
}
