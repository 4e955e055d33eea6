package io.javalived.parser.model;

/** VRRPv2 authentication types: simple password ({@code PASS}, type 1) and IPsec AH ({@code AH}, type 2). */
public enum AuthMethod {
    PASS(1), AH(2);

    private final int wireValue;

    AuthMethod(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }
}
