package io.javalived.vrrp.packet;

/** The result of decoding bytes that should be a VRRP message: an advert or why not. */
public sealed interface Decoded {

    record Ok(Advert advert, int checksum) implements Decoded {}

    /** The bytes are not a well-formed advert; {@code field} names the offending packet field. */
    record Malformed(String field, String detail) implements Decoded {}
}
