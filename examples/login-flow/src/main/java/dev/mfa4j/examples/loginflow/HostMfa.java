package dev.mfa4j.examples.loginflow;

import dev.mfa4j.core.InMemoryMfaConfigurationStore;
import dev.mfa4j.core.MfaService;
import java.io.PrintStream;

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
        return MfaService.builder(new AdminOnlyAuthorizer())
                .store(new InMemoryMfaConfigurationStore())
                .eventListener(new AuditLog(audit))
                .build();
    }
}
