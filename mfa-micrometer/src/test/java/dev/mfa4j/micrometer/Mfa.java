package dev.mfa4j.micrometer;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.event.MfaEventListener;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.core.MfaService;

/** The one place these tests build and manage an MfaService, so API changes touch only here. */
final class Mfa {

    private Mfa() {
    }

    static MfaService service(MfaEventListener listener, MfaProvider... providers) {
        MfaService.Builder builder = MfaService.builder(ManagementAuthorizer.allowAll()).eventListener(listener);
        for (MfaProvider provider : providers) {
            builder.provider(provider);
        }
        return builder.build();
    }

    static void create(MfaService mfa, String json) {
        mfa.configurations().json().create(json);
    }

    static void update(MfaService mfa, String name, String json) {
        mfa.configurations().json().update(name, json);
    }

    static void assign(MfaService mfa, PrincipalId principal, String providerUserId, String configuration) {
        mfa.principals().assign(MfaAssignment.of(principal).configuration(configuration).providerUserId(providerUserId));
    }
}
