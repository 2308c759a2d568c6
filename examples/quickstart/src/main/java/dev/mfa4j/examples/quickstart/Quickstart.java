package dev.mfa4j.examples.quickstart;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.MfaService;

/**
 * The README's quickstart, runnable: configures the testkit's fake provider, assigns bob, and
 * verifies a right passcode, a wrong one and a push. Each result is printed as a host would log it.
 */
public final class Quickstart {

    private Quickstart() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        try (MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll())
                .build()) {                                     // in-memory store; providers found on the class path
            mfa.configurations().json().create("""
                    {"Type": "fake", "Name": "Demo", "Options": {"Passcode": "77552", "PushDelay": "1s"}}""");
            PrincipalId bob = PrincipalId.parse("principal/internal/user/bob");
            mfa.principals().assign(MfaAssignment.of(bob).configuration("Demo").providerUserId("bob@fake"));

            System.out.println("Configurations (mfa get):");
            System.out.println(mfa.configurations().json().list());
            for (String typed : new String[] {"77552", "11111", "push"}) {
                VerificationResult result = mfa.verify(bob, typed);
                System.out.printf("login -u bob -m %-6s -> %s (%s: %s)%n", typed, result.allowed() ? "allowed" : "denied",
                        result.reason(), result.message());
            }
        }
    }
}
