package dev.mfa4j.examples.loginflow;

import dev.mfa4j.api.event.AssignmentEvent;
import dev.mfa4j.api.event.ConfigurationEvent;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.event.MfaEventListener;
import dev.mfa4j.api.event.VerificationEvent;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes one audit line per mfa4j event. Events carry no secret and no passcode, so every field
 * can be written; a real host would send these lines to its audit store.
 */
public final class AuditLog implements MfaEventListener {

    private final PrintStream out;

    /** @param out where the lines go */
    public AuditLog(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onEvent(MfaEvent event) {
        out.println(line(event));
    }

    /**
     * @param event an event
     * @return its audit line
     */
    static String line(MfaEvent event) {
        if (event instanceof VerificationEvent v) {
            return "audit " + v.time() + " verification principal=" + v.principal() + " factor=" + v.factor()
                    + " configuration=" + v.configurationName().orElse("-")
                    + " reason=" + v.reason().map(Enum::name).orElse("refused-input")
                    + " allowed=" + v.allowed() + " client=" + v.clientIp().orElse("-") + " request=" + v.requestId()
                    + " took=" + v.duration().toMillis() + "ms detail=\"" + v.detail() + "\"";
        }
        if (event instanceof ConfigurationEvent c) {
            return "audit " + c.time() + " configuration " + c.action().name().toLowerCase(Locale.ROOT) + " name=" + c.configurationName()
                    + " type=" + c.type() + " revision=" + c.revision() + " by=" + c.caller();
        }
        AssignmentEvent a = (AssignmentEvent) event;
        return "audit " + a.time() + " assignment " + a.action().name().toLowerCase(Locale.ROOT) + " principal=" + a.principal()
                + " configuration=" + a.configurationName().orElse("-")
                + previous(a.previousConfigurationName()) + " by=" + a.caller();
    }

    private static String previous(Optional<String> name) {
        return name.map(n -> " previous=" + n).orElse("");
    }
}
