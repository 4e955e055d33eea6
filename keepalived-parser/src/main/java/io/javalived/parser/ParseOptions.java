package io.javalived.parser;

/**
 * Inputs of a parse besides the file.
 *
 * @param configId the {@code @id} conditional-line id: {@code -i/--config-id}, default the host name up to
 *                 the first dot
 * @param hostName the host name, used for defaults (router_id, smtp_helo_name, notification_email_from)
 */
public record ParseOptions(String configId, String hostName) {

    /** Options taken from this machine's host name. */
    public static ParseOptions forThisHost() {
        String host = HostName.current();
        return new ParseOptions(HostName.shortName(host), host);
    }

    public ParseOptions withConfigId(String id) {
        return new ParseOptions(id, hostName);
    }
}
