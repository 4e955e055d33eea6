package io.javalived.daemon.cli;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.javalived.parser.model.BfdCheck;
import io.javalived.parser.model.Checker;
import io.javalived.parser.model.DnsCheck;
import io.javalived.parser.model.FileCheck;
import io.javalived.parser.model.HttpGet;
import io.javalived.parser.model.KeywordLocations;
import io.javalived.parser.model.MiscCheck;
import io.javalived.parser.model.PingCheck;
import io.javalived.parser.model.SmtpCheck;
import io.javalived.parser.model.SourceLocation;
import io.javalived.parser.model.SslGet;
import io.javalived.parser.model.TcpCheck;
import io.javalived.parser.model.UdpCheck;
import io.javalived.parser.model.VirtualServerAddress;
import io.javalived.parser.model.VirtualServerGroup;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Jackson mappers for the config model: addresses as text (IPv6 compressed), durations as decimal
 * seconds (keepalived's unit), source locations as {@code file:line}, and a {@code type} property on the
 * sealed checker, virtual-server address and group-entry types.
 */
public final class ModelJson {
    private ModelJson() {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = TcpCheck.class, name = "TCP_CHECK"),
            @JsonSubTypes.Type(value = HttpGet.class, name = "HTTP_GET"),
            @JsonSubTypes.Type(value = SslGet.class, name = "SSL_GET"),
            @JsonSubTypes.Type(value = MiscCheck.class, name = "MISC_CHECK"),
            @JsonSubTypes.Type(value = SmtpCheck.class, name = "SMTP_CHECK"),
            @JsonSubTypes.Type(value = DnsCheck.class, name = "DNS_CHECK"),
            @JsonSubTypes.Type(value = UdpCheck.class, name = "UDP_CHECK"),
            @JsonSubTypes.Type(value = PingCheck.class, name = "PING_CHECK"),
            @JsonSubTypes.Type(value = FileCheck.class, name = "FILE_CHECK"),
            @JsonSubTypes.Type(value = BfdCheck.class, name = "BFD_CHECK")})
    private interface CheckerMixin {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = VirtualServerAddress.Endpoint.class, name = "address"),
            @JsonSubTypes.Type(value = VirtualServerAddress.Fwmark.class, name = "fwmark"),
            @JsonSubTypes.Type(value = VirtualServerAddress.Group.class, name = "group")})
    private interface VsAddressMixin {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = VirtualServerGroup.AddressRange.class, name = "address"),
            @JsonSubTypes.Type(value = VirtualServerGroup.Fwmark.class, name = "fwmark")})
    private interface VsgEntryMixin {}

    /** Where each keyword was written is for messages, not part of the effective configuration. */
    @com.fasterxml.jackson.annotation.JsonIgnoreType
    private interface IgnoredMixin {}

    public static ObjectMapper json() {
        return configure(JsonMapper.builder().build());
    }

    public static ObjectMapper yaml() {
        YAMLFactory f = YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID).build();
        return configure(new YAMLMapper(f));
    }

    private static ObjectMapper configure(ObjectMapper m) {
        SimpleModule module = new SimpleModule("javalived-model");
        module.addSerializer(InetAddress.class, new StdSerializer<>(InetAddress.class) {
            @Override
            public void serialize(InetAddress value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(text(value));
            }
        });
        module.addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
            @Override
            public void serialize(Duration value, JsonGenerator gen, SerializerProvider p) throws IOException {
                BigDecimal seconds = BigDecimal.valueOf(value.toNanos(), 9).stripTrailingZeros();
                gen.writeNumber(seconds.scale() < 0 ? seconds.setScale(0).toPlainString() : seconds.toPlainString());
            }
        });
        module.addSerializer(SourceLocation.class, new StdSerializer<>(SourceLocation.class) {
            @Override
            public void serialize(SourceLocation value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(value.file() + ":" + value.line());
            }
        });
        m.registerModule(new Jdk8Module());
        m.registerModule(module);
        m.addMixIn(Checker.class, CheckerMixin.class);
        m.addMixIn(VirtualServerAddress.class, VsAddressMixin.class);
        m.addMixIn(VirtualServerGroup.Entry.class, VsgEntryMixin.class);
        m.addMixIn(KeywordLocations.class, IgnoredMixin.class);
        m.configure(MapperFeature.AUTO_DETECT_IS_GETTERS, false);
        m.enable(SerializationFeature.INDENT_OUTPUT);
        m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return m;
    }

    /** An address as users write it: dotted quad, or RFC 5952 compressed IPv6. */
    static String text(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
