package dev.mfa4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MfaAssignmentTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");

    @Test
    void holdsTheSeedsExample() {
        MfaAssignment assignment = new MfaAssignment(BOB, "MyDuoConfig", "12752112652d3c0f21551938864e2");

        assertThat(assignment.providerUserId()).isEqualTo("12752112652d3c0f21551938864e2");
        assertThat(assignment.configurationName()).isEqualTo("MyDuoConfig");
    }

    @Test
    void theStagedBuilderPutsEachValueWhereItsStepSays() {
        MfaAssignment built = MfaAssignment.of(BOB).configuration("MyDuoConfig").providerUserId("DU123");

        assertThat(built).isEqualTo(new MfaAssignment(BOB, "MyDuoConfig", "DU123"));
    }

    @Test
    void theStagedBuilderChecksAtItsLastStep() {
        MfaAssignment.ProviderUserIdStep step = MfaAssignment.of(BOB).configuration("a/b");

        assertThatThrownBy(() -> step.providerUserId("DU123"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("configurationName"));
        assertThatThrownBy(() -> MfaAssignment.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MfaAssignment.of(BOB).configuration(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void groupsCannotBeAssigned() {
        assertThatThrownBy(() -> new MfaAssignment(PrincipalId.parse("principal/internal/group/admins"), "MyDuoConfig", "x"))
                .isInstanceOf(InvalidPrincipalException.class)
                .hasMessageContaining("only user and application principals");
    }

    @Test
    void refusesMalformedProviderUserIdsNamingTheField() {
        for (String id : new String[] {"", " ", " DU123", "DU123\n", "x".repeat(257)}) {
            assertThatThrownBy(() -> new MfaAssignment(BOB, "MyDuoConfig", id))
                    .as("[" + id + "]")
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("providerUserId"));
        }
    }

    @Test
    void refusesMalformedConfigurationNames() {
        assertThatThrownBy(() -> new MfaAssignment(BOB, "a/b", "DU1"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("configurationName"));
    }
}
