package dev.mfa4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.testkit.FakeMfaProvider;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

@SpringBootTest(classes = StepTestApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)   // attempt counts and pushes start afresh
class MfaStepTest {

    @Autowired
    WebApplicationContext context;
    @Autowired
    FakeMfaProvider fake;
    @Autowired
    StepTestApplication.MovableClock stepClock;

    private Browser bob;

    @BeforeEach
    void setUp() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        bob = new Browser(mvc);
        MvcResult login = bob.logIn("bob", "bob-password");
        assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/");
    }

    private static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString();
    }

    @Test
    void afterThePasswordEveryProtectedPageLeadsToTheStep() throws Exception {
        MvcResult home = bob.get("/");
        assertThat(home.getResponse().getStatus()).isEqualTo(302);
        assertThat(home.getResponse().getRedirectedUrl()).isEqualTo("/mfa");

        MvcResult account = bob.get("/account");
        assertThat(account.getResponse().getRedirectedUrl()).isEqualTo("/mfa");
        MvcResult page = bob.get("/mfa");
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(page)).contains("Second factor", "Signed in as <strong>bob</strong>", "id=\"mfa4j-passcode\"",
                "id=\"mfa4j-push-submit\"", "name=\"_csrf\"");
        assertThat(bob.authentication().getAuthorities()).extracting(GrantedAuthority::getAuthority).doesNotContain(MfaFactor.AUTHORITY);
    }

    @Test
    void aPostBeforeTheStepIsRefused() throws Exception {
        MvcResult transfer = bob.post("/transfer");

        assertThat(transfer.getResponse().getStatus()).isEqualTo(403);
        assertThat(body(transfer)).doesNotContain("transferred");
    }

    @Test
    void aGoodPasscodeAddsTheFactorUnderANewSessionIdAndResumesTheHeldRequest() throws Exception {
        bob.get("/account");   // held back, saved
        String before = bob.session.getId();

        MvcResult verified = bob.post("/mfa/passcode", "passcode", StepTestApplication.PASSCODE);

        assertThat(verified.getResponse().getStatus()).isEqualTo(303);
        assertThat(verified.getResponse().getHeader("Location")).isEqualTo("http://localhost/account?continue");
        assertThat(bob.session.getId()).isNotEqualTo(before);
        assertThat(bob.authentication().getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .contains(MfaFactor.AUTHORITY, FactorGrantedAuthority.PASSWORD_AUTHORITY);
        assertThat(MfaFactor.verifiedAt(bob.authentication())).isPresent();
        assertThat(body(bob.get("/account"))).isEqualTo("account");
        assertThat(body(bob.get("/"))).isEqualTo("home");
    }

    @Test
    void aWrongPasscodeSaysHowManyAttemptsAreLeftAndNeverRepeatsIt() throws Exception {
        MvcResult wrong = bob.post("/mfa/passcode", "passcode", "4815162342");
        assertThat(wrong.getResponse().getHeader("Location")).isEqualTo("/mfa");

        String page = body(bob.get("/mfa"));
        assertThat(page).contains("That passcode is not right. 4 attempts left.").doesNotContain("4815162342");
        assertThat(bob.get("/").getResponse().getRedirectedUrl()).isEqualTo("/mfa");
        // The message is shown once.
        assertThat(body(bob.get("/mfa"))).doesNotContain("attempts left");
    }

    @Test
    void textThatIsNotAPasscodeIsRefusedWithoutEchoingIt() throws Exception {
        bob.post("/mfa/passcode", "passcode", "<script>alert(1)</script>");

        assertThat(body(bob.get("/mfa"))).contains("A passcode is made of digits").doesNotContain("alert(1)");
    }

    @Test
    void repeatedWrongPasscodesLockTheUserOutAndThePageSaysForHowLong() throws Exception {
        for (int i = 0; i < 4; i++) {
            bob.post("/mfa/passcode", "passcode", "11111" + i);
        }
        assertThat(body(bob.get("/mfa"))).contains("1 attempt left.");

        bob.post("/mfa/passcode", "passcode", "222222");
        assertThat(body(bob.get("/mfa"))).contains("That passcode is not right. Too many failed attempts. Try again in 1");

        bob.post("/mfa/passcode", "passcode", StepTestApplication.PASSCODE);   // even the right one
        assertThat(body(bob.get("/mfa"))).contains("Too many failed attempts. Try again in 1");
        assertThat(bob.get("/").getResponse().getRedirectedUrl()).isEqualTo("/mfa");
    }

    @Test
    void aPushIsFollowedWithoutHoldingAThreadAndFinishedOnce() throws Exception {
        CompletableFuture<VerificationOutcome> phone = fake.willHold(StepTestApplication.BOB);

        MvcResult started = bob.postJson("/mfa/push");
        assertThat(body(started)).contains("\"state\":\"waiting\"", "\"secondsLeft\":");
        int version = Integer.parseInt(body(started).replaceAll(".*\"version\":(\\d+).*", "$1"));

        MvcResult status = bob.getJson("/mfa/push/status?after=" + version);
        assertThat(status.getRequest().isAsyncStarted()).as("the status request waits asynchronously").isTrue();
        assertThat(body(status)).isEmpty();

        phone.complete(VerificationOutcome.approved("the user approved"));
        assertThat(body(status)).contains("\"state\":\"approved\"");

        assertThat(bob.get("/").getResponse().getRedirectedUrl()).as("approved is not verified until finished").isEqualTo("/mfa");
        MvcResult finished = bob.postJson("/mfa/push/finish");
        assertThat(body(finished)).contains("\"redirect\":\"http://localhost/");
        assertThat(body(bob.get("/"))).isEqualTo("home");

        MvcResult replay = bob.postJson("/mfa/push/finish");
        assertThat(replay.getResponse().getStatus()).isEqualTo(409);
    }

    @Test
    void aDeniedPushIsReportedWithTheAttemptsLeft() throws Exception {
        fake.willAnswer(StepTestApplication.BOB, VerificationOutcome.rejected(Reason.DENIED, "no"));

        MvcResult started = bob.postJson("/mfa/push");
        String json = body(started);
        if (json.contains("waiting")) {
            json = body(bob.getJson("/mfa/push/status?after=-1"));
        }
        assertThat(json).contains("\"state\":\"denied\"", "The request was denied. 4 attempts left.");
        MvcResult finish = bob.post("/mfa/push/finish");
        assertThat(finish.getResponse().getHeader("Location")).isEqualTo("/mfa");
        assertThat(bob.get("/").getResponse().getRedirectedUrl()).isEqualTo("/mfa");
    }

    @Test
    void theStepsPostsNeedTheCsrfToken() throws Exception {
        assertThat(bob.postWithoutCsrf("/mfa/passcode", "passcode", StepTestApplication.PASSCODE).getResponse().getStatus()).isEqualTo(403);
        assertThat(bob.postWithoutCsrf("/mfa/push").getResponse().getStatus()).isEqualTo(403);
        assertThat(bob.get("/").getResponse().getRedirectedUrl()).isEqualTo("/mfa");
    }

    @Test
    void aUserWithoutMfaGoesStraightIn() throws Exception {
        Browser alice = new Browser(bob.mvc);
        alice.logIn("alice", "alice-password");

        assertThat(body(alice.get("/"))).isEqualTo("home");
        assertThat(body(alice.get("/account"))).isEqualTo("account");
    }

    @Test
    void aUserWhoCannotBeMappedIsHeldAtTheStepAndRefused() throws Exception {
        Browser eve = new Browser(bob.mvc);
        eve.logIn("eve smith", "eve-password");

        assertThat(eve.get("/").getResponse().getRedirectedUrl()).isEqualTo("/mfa");
        eve.post("/mfa/passcode", "passcode", StepTestApplication.PASSCODE);
        assertThat(body(eve.get("/mfa"))).contains("cannot be checked for this account");
        assertThat(eve.get("/").getResponse().getRedirectedUrl()).isEqualTo("/mfa");
    }

    @Test
    void theStepNeedsAPasswordAndEvenPublicPagesWaitForIt() throws Exception {
        Browser stranger = new Browser(bob.mvc);

        assertThat(stranger.get("/mfa").getResponse().getRedirectedUrl()).endsWith("/login");
        assertThat(body(stranger.get("/public"))).isEqualTo("public");
        // Half signed in, bob finishes the step first (unless the chain permits a page during it).
        assertThat(bob.get("/public").getResponse().getRedirectedUrl()).isEqualTo("/mfa");
        assertThat(bob.get("/mfa/step.js").getResponse().getContentType()).startsWith("text/javascript");
    }

    @Test
    void anOldFactorIsAskedForAgainWhereTheApplicationRequiresARecentOne() throws Exception {
        stepClock.set(Duration.ofMinutes(-10));   // the factor is issued ten minutes ago
        bob.post("/mfa/passcode", "passcode", StepTestApplication.PASSCODE);

        assertThat(body(bob.get("/"))).isEqualTo("home");
        MvcResult admin = bob.get("/admin/panel");
        assertThat(admin.getResponse().getRedirectedUrl()).isEqualTo("/mfa?factor.type=mfa4j&factor.reason=expired");
        assertThat(body(bob.get("/mfa?factor.type=mfa4j&factor.reason=expired"))).contains("needs a recent second factor");

        stepClock.set(Duration.ZERO);
        fake.willAnswer(StepTestApplication.BOB, VerificationOutcome.approved("again"));
        MvcResult again = bob.post("/mfa/passcode", "passcode", "13579");
        assertThat(again.getResponse().getHeader("Location")).isEqualTo("http://localhost/admin/panel?continue");
        assertThat(body(bob.get("/admin/panel"))).isEqualTo("admin");
        assertThat(bob.authentication().getAuthorities()).filteredOn(a -> a.getAuthority().equals(MfaFactor.AUTHORITY)).hasSize(1);
    }
}
