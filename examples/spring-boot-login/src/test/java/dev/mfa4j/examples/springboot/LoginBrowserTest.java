package dev.mfa4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.PushBehaviour;
import dev.mfa4j.testkit.duo.PushNotification;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The login in a real browser (headless Chromium): the password, then the MFA step, against the
 * Duo simulator that the demo profile runs in the same process. The test is bob's phone: it
 * approves or denies each push when it decides, never after a timer. One browser for all the
 * scenarios; a fresh application (and simulator, and attempt counts) for each.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class LoginBrowserTest {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    private static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    DuoSimulator duo;

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void forgetTheLastSession() {
        browser.manage().deleteAllCookies();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, PAGE_WAIT);
    }

    private void logInAsBob() {
        browser.get(url("/"));
        waiting().until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("bob");
        browser.findElement(By.id("password")).sendKeys("bob-password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlToBe(url("/mfa")));
    }

    private void typePasscode(String passcode) {
        WebElement field = waiting().until(ExpectedConditions.elementToBeClickable(By.id("mfa4j-passcode")));
        field.clear();
        field.sendKeys(passcode);
        browser.findElement(By.id("mfa4j-passcode-submit")).click();
    }

    private String message() {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("mfa4j-message"))).getText();
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void waitForHome() {
        waiting().until(ExpectedConditions.textToBe(By.id("user"), "bob"));
    }

    @Test
    void passwordThenGoodPasscodeLeadsHome() {
        logInAsBob();
        Chromium.screenshot(browser, "mfa-page");

        typePasscode(DemoConfiguration.BOB_PASSCODES.get(0));

        waitForHome();
        assertThat(browser.findElement(By.id("factors")).getText()).contains("FACTOR_MFA4J", "FACTOR_PASSWORD");
        Chromium.screenshot(browser, "passcode-home");
    }

    @Test
    void aWrongPasscodeSaysSoAndHowManyAttemptsAreLeft() {
        logInAsBob();

        typePasscode("123456");

        assertThat(message()).isEqualTo("That passcode is not right. 4 attempts left.");
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/mfa"));
        assertThat(browser.findElement(By.id("mfa4j-passcode")).getAttribute("value")).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("123456");
        Chromium.screenshot(browser, "wrong-passcode");
    }

    @Test
    void aPushApprovedWhileThePageWaitsLeadsHome() throws Exception {
        duo.scriptNextPush("bob", PushBehaviour.pending());
        logInAsBob();
        script("window.mfa4jSamePage = true;");

        browser.findElement(By.id("mfa4j-push-submit")).click();
        PushNotification push = duo.takePush(PAGE_WAIT);
        assertThat(push).as("the push reached bob's phone").isNotNull();
        String code = push.verificationCode().orElseThrow();
        waiting().until(ExpectedConditions.textToBe(By.id("mfa4j-code"), code));
        assertThat(browser.findElement(By.id("mfa4j-status")).getAttribute("data-state")).isEqualTo("waiting");
        assertThat(browser.findElement(By.id("mfa4j-status")).getText()).contains("Waiting for your approval");
        assertThat(script("return window.mfa4jSamePage === true;")).as("no reload while waiting").isEqualTo(true);
        Chromium.screenshot(browser, "push-waiting");

        duo.approve(push.txid(), code);   // bob types the code the page shows, on his phone

        waitForHome();
        assertThat(browser.findElement(By.id("factors")).getText()).contains("FACTOR_MFA4J");
        Chromium.screenshot(browser, "push-approved-home");
    }

    @Test
    void aDeniedPushIsReportedOnThePage() throws Exception {
        duo.scriptNextPush("bob", PushBehaviour.pending());
        logInAsBob();
        script("window.mfa4jSamePage = true;");

        browser.findElement(By.id("mfa4j-push-submit")).click();
        PushNotification push = duo.takePush(PAGE_WAIT);
        waiting().until(ExpectedConditions.attributeToBe(By.id("mfa4j-status"), "data-state", "waiting"));
        duo.deny(push.txid());

        waiting().until(ExpectedConditions.attributeToBe(By.id("mfa4j-status"), "data-state", "denied"));
        assertThat(browser.findElement(By.id("mfa4j-status")).getText()).isEqualTo("The request was denied. 4 attempts left.");
        assertThat(script("return window.mfa4jSamePage === true;")).as("no reload").isEqualTo(true);
        assertThat(browser.findElement(By.id("mfa4j-push-submit")).isEnabled()).isTrue();
        Chromium.screenshot(browser, "push-denied");
        browser.get(url("/"));
        waiting().until(ExpectedConditions.urlToBe(url("/mfa")));
    }

    @Test
    void repeatedWrongPasscodesLockBobOutForAWhile() {
        logInAsBob();
        for (int left = 4; left >= 1; left--) {
            typePasscode("12345" + left);
            assertThat(message()).endsWith(left == 1 ? "1 attempt left." : left + " attempts left.");
        }
        typePasscode("123450");
        assertThat(message()).isEqualTo("That passcode is not right. Too many failed attempts. Try again in 15 min.");

        typePasscode(DemoConfiguration.BOB_PASSCODES.get(1));   // the right one, refused while locked out
        assertThat(message()).startsWith("Too many failed attempts. Try again in 1").endsWith(".");
        Chromium.screenshot(browser, "locked-out");
        browser.get(url("/"));
        waiting().until(ExpectedConditions.urlToBe(url("/mfa")));
    }

    @Test
    void aProtectedPageAfterThePasswordLeadsBackToTheStep() {
        logInAsBob();

        browser.get(url("/admin"));
        waiting().until(ExpectedConditions.urlToBe(url("/mfa")));
        browser.get(url("/actuator/metrics"));
        waiting().until(ExpectedConditions.urlToBe(url("/mfa")));
        Chromium.screenshot(browser, "protected-page-held");

        typePasscode(DemoConfiguration.BOB_PASSCODES.get(2));
        waiting().until(ExpectedConditions.urlContains("/actuator/metrics"));   // the held-back page, resumed
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        logInAsBob();
        script("document.querySelectorAll('#mfa4j-passcode-form input[name=_csrf]').forEach(function (e) { e.remove(); });");

        typePasscode(DemoConfiguration.BOB_PASSCODES.get(3));

        waiting().until(ExpectedConditions.not(ExpectedConditions.urlToBe(url("/mfa"))));
        assertThat(browser.getPageSource()).contains("403");
        Chromium.screenshot(browser, "csrf-refused");
        browser.get(url("/"));
        waiting().until(ExpectedConditions.urlToBe(url("/mfa")));
    }
}
