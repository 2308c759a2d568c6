package dev.mfa4j.duo.internal;

/** The Duo factors this provider uses, with the names Duo gives them. */
enum Factor {
    /** A passcode from Duo Mobile, an SMS, a token or a bypass code. */
    PASSCODE("passcode", null),
    /** A Duo Push to the user's phone. */
    PUSH("push", "push"),
    /** A phone call back. */
    PHONE("phone", "phone"),
    /** A new batch of SMS passcodes (Duo then answers deny, status {@code sent}). */
    SMS("sms", "sms");

    private final String duoName;
    private final String capability;

    Factor(String duoName, String capability) {
        this.duoName = duoName;
        this.capability = capability;
    }

    /** @return the value of Duo's {@code factor} parameter */
    String duoName() {
        return duoName;
    }

    /** @return the device capability the factor needs, as in preauth's {@code capabilities}; null for passcode */
    String capability() {
        return capability;
    }
}
