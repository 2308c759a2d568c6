package dev.mfa4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.spring.security.MfaFactor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The admin area does what the command line does, for administrators whose second factor is recent, and for no one else. */
@SpringBootTest
@DirtiesContext
class AdminAreaTest {

    @Autowired
    WebApplicationContext context;
    @Autowired
    MfaService mfa;

    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    private static RequestPostProcessor signedIn(String name, Instant mfaAt, String... roles) {
        List<GrantedAuthority> authorities = new java.util.ArrayList<>();
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
        if (mfaAt != null) {
            authorities.add(FactorGrantedAuthority.withAuthority(MfaFactor.AUTHORITY).issuedAt(mfaAt).build());
        }
        for (String role : roles) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
        }
        return authentication(UsernamePasswordAuthenticationToken.authenticated(name, null, authorities));
    }

    private static RequestPostProcessor bob() {
        return signedIn("bob", Instant.now(), "USER", "ADMIN");
    }

    private MvcResult perform(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    @Test
    void anAdministratorCreatesUpdatesAssignsRemovesAndDeletes() throws Exception {
        String page = perform(get("/admin").with(bob())).getResponse().getContentAsString();
        assertThat(page).contains("DemoDuo", "principal/internal/user/bob", "&quot;SecretKey&quot;: &quot;********&quot;");

        MvcResult created = perform(post("/admin/configurations").with(bob()).with(csrf())
                .param("json", "{\"Type\": \"fake\", \"Name\": \"Second\", \"Options\": {\"Passcode\": \"424242\"}}"));
        assertThat(created.getFlashMap().get("done")).isEqualTo("Created Second.");
        perform(post("/admin/configurations/update").with(bob()).with(csrf()).param("name", "Second")
                .param("json", "{\"Type\": \"fake\", \"Name\": \"Second\", \"Options\": {\"PushResult\": \"deny\"}}"));
        assertThat(mfa.configurations().get("Second").orElseThrow().revision()).isEqualTo(2);

        perform(post("/admin/principals").with(bob()).with(csrf()).param("principal", "carol").param("providerUserId", "carol@fake")
                .param("configuration", "Second"));
        assertThat(mfa.requiresMfa(PrincipalId.parse("principal/internal/user/carol"))).isTrue();

        MvcResult refused = perform(post("/admin/configurations/delete").with(bob()).with(csrf()).param("name", "Second"));
        assertThat((String) refused.getFlashMap().get("error")).contains("Second");
        assertThat(mfa.configurations().get("Second")).isPresent();

        perform(post("/admin/principals/remove").with(bob()).with(csrf()).param("principal", "principal/internal/user/carol"));
        assertThat(mfa.requiresMfa(PrincipalId.parse("principal/internal/user/carol"))).isFalse();
        MvcResult deleted = perform(post("/admin/configurations/delete").with(bob()).with(csrf()).param("name", "Second"));
        assertThat(deleted.getFlashMap().get("done")).isEqualTo("Deleted Second.");
        assertThat(mfa.configurations().get("Second")).isEmpty();
    }

    @Test
    void aSecretIsNeverShownBackNotEvenInAnError() throws Exception {
        MvcResult bad = perform(post("/admin/configurations").with(bob()).with(csrf())
                .param("json", "{\"Type\": \"duo\", \"Name\": \"Broken\", \"Options\": {\"SecretKey\": \"very-secret-value-1234\"}}"));

        assertThat((String) bad.getFlashMap().get("error")).isNotBlank().doesNotContain("very-secret-value-1234");
        assertThat(perform(get("/admin").with(bob())).getResponse().getContentAsString()).doesNotContain("very-secret-value-1234");
    }

    @Test
    void aUserWhoIsNotAnAdministratorIsRefused() throws Exception {
        assertThat(perform(get("/admin").with(signedIn("carol", null, "USER"))).getResponse().getStatus()).isEqualTo(403);
        assertThat(perform(post("/admin/configurations/delete").with(signedIn("carol", null, "USER")).with(csrf())
                .param("name", "DemoDuo")).getResponse().getStatus()).isEqualTo(403);
        assertThat(mfa.configurations().get("DemoDuo")).isPresent();
    }

    @Test
    void anAdministratorWhoseSecondFactorIsOldVerifiesAgain() throws Exception {
        MvcResult old = perform(get("/admin").with(signedIn("bob", Instant.now().minusSeconds(3600), "USER", "ADMIN")));

        assertThat(old.getResponse().getRedirectedUrl()).contains("/mfa");
    }
}
