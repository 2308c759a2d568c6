package dev.mfa4j.core;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.MfaConfigurationStore;

/** Shared test values. */
final class Fixtures {

    static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    static final PrincipalId CI_BOT = PrincipalId.parse("principal/internal/application/ci-bot");
    static final String TOKEN = "S3cretT0kenValue";

    static final String CONFIG_JSON = """
            {"Type": "scripted", "Name": "Main", "Options": {"Endpoint": "https://mfa.example.com", "Token": "%s"}}
            """.formatted(TOKEN);

    private Fixtures() {
    }

    static MfaService service(ScriptedProvider provider, MfaConfigurationStore store) {
        return MfaService.builder(ManagementAuthorizer.allowAll())
                .store(store)
                .discoverProviders(false)
                .provider(provider)
                .build();
    }

    static MfaService service(ScriptedProvider provider) {
        return service(provider, new InMemoryMfaConfigurationStore());
    }
}
