package dev.mfa4j.duo.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.core.SecretVisibility;
import dev.mfa4j.testkit.ManualTicker;
import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.Fault;
import dev.mfa4j.testkit.duo.Integration;
import dev.mfa4j.testkit.duo.PushBehaviour;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The canary test across mfa-core, the duo provider and the simulator: a canary secret key and
 * canary passcodes go through successes and every error path, then are looked for in the log file
 * (every mfa4j logger at TRACE, see simplelogger.properties), events, results, exceptions and
 * default JSON output.
 */
class DuoEndToEndCanaryTest {

    private static final String SECRET_KEY = "CanarySkeyE2E00000000000000000000000q7X9";
    private static final String[] PASSCODES = {"71928364", "71928365", "71928366", "71928367"};

    @Test
    void theCanariesAppearNowhere() throws Exception {
        assertThat(SECRET_KEY).hasSize(40);
        Path log = Path.of("target/duo-test.log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        List<MfaEvent> events = new CopyOnWriteArrayList<>();
        List<String> seen = new ArrayList<>();
        try (DuoSimulator duo = DuoSimulator.builder().integration(Integration.of("DIWJ8X6AEYOR5OMC6TQ1", SECRET_KEY))
                .user(DuoUser.builder("bob").smartphone().passcodes(PASSCODES[0]).build()).start();
                MfaService mfa = DuoAgainstSimulator.service(events::add, new ManualTicker())) {
            seen.add(mfa.configurations().json().create(DuoAgainstSimulator.configuration(duo)).toString());
            PrincipalId bob = PrincipalId.user("internal", "bob");
            mfa.principals().assign(MfaAssignment.of(bob).configuration(DuoAgainstSimulator.CONFIGURATION).providerUserId(duo.user("bob").orElseThrow().userId()));
            seen.add(mfa.configurations().json().list());

            seen.add(mfa.verify(bob, PASSCODES[0]).toString());       // approved
            seen.add(mfa.verify(bob, PASSCODES[0]).toString());       // replay
            seen.add(mfa.verify(bob, PASSCODES[1]).toString());       // wrong
            // Retry-After: 0 for the rate limit: the provider retries at once, eight times, then gives up.
            for (Fault fault : List.of(Fault.serverError(1, 500), Fault.htmlErrorPage(1), Fault.malformedJson(1), Fault.dropConnection(1),
                    Fault.rateLimited(10, Duration.ZERO))) {
                duo.injectFault("/auth/v2/auth", fault);
                seen.add(mfa.verify(bob, PASSCODES[2]).toString());
                duo.clearFaults();
            }
            duo.scriptNextPush("bob", PushBehaviour.deny());
            seen.add(mfa.verify(bob, "push").toString());
            try {
                mfa.configurations().json().update(DuoAgainstSimulator.CONFIGURATION, DuoAgainstSimulator.update(duo, "SecretKey", SECRET_KEY + "!"));
            } catch (RuntimeException e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                seen.add(trace.toString());
            }
            // A wrong key: every call fails its signature check at the simulator.
            mfa.configurations().json().update(DuoAgainstSimulator.CONFIGURATION, DuoAgainstSimulator.update(duo, "SecretKey", "X".repeat(40)));
            seen.add(mfa.verify(bob, PASSCODES[3]).toString());
            seen.add(mfa.configurations().list(SecretVisibility.REDACTED).toString());
            seen.add(String.valueOf(duo.requestCount()));
        }
        events.forEach(e -> seen.add(e.toString()));
        byte[] logged = Files.readAllBytes(log);
        seen.add(new String(logged, (int) Math.min(logStart, logged.length), (int) (logged.length - Math.min(logStart, logged.length)),
                StandardCharsets.UTF_8));

        assertThat(events).hasSizeGreaterThan(8);
        assertThat(seen).allSatisfy(text -> {
            assertThat(text).doesNotContain(SECRET_KEY);
            for (String passcode : PASSCODES) {
                assertThat(text).doesNotContain(passcode);
            }
        });
    }
}
