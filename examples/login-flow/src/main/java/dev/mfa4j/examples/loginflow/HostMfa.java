package dev.mfa4j.examples.loginflow;

import dev.mfa4j.api.spi.Ticker;
import dev.mfa4j.core.InMemoryMfaConfigurationStore;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.duo.DuoProvider;
import java.io.PrintStream;
import java.time.Clock;

/** How this host builds its one {@link MfaService}. */
public final class HostMfa {

    private HostMfa() {
    }

    /**
     * @param audit where audit lines go
     * @return the service: configurations and assignments in memory, managed by {@code admin} only,
     *     every event written to the audit log, providers (Duo) found on the class path
     */
    public static MfaService create(PrintStream audit) {
        return create(audit, Ticker.system());
    }

    /**
     * As {@link #create(PrintStream)}, with mfa-core and the Duo provider measuring time limits on
     * {@code ticker}: the host's tests give the testkit's {@code ManualTicker}, so that no timeout
     * passes while a busy machine is slow, only when a test says.
     *
     * @param audit where audit lines go
     * @param ticker elapsed time for deadlines and timeouts
     * @return the service
     */
    public static MfaService create(PrintStream audit, Ticker ticker) {
        return MfaService.builder(new AdminOnlyAuthorizer())
                .store(new InMemoryMfaConfigurationStore())
                .eventListener(new AuditLog(audit))
                .ticker(ticker)
                // Registered here, the Duo provider replaces the one found on the class path.
                .provider(new DuoProvider(ticker, Clock.systemUTC()))
                .build();
    }
}
