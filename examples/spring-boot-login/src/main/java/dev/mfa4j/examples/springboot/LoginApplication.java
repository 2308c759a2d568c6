package dev.mfa4j.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application with a password login, then the mfa4j step (a passcode, or a Duo push with
 * the page following it live), and a small admin area for MFA configurations and principals.
 * {@code java -jar spring-boot-login.jar} runs the {@code demo} profile: a simulated Duo in this
 * process, and bob (password {@code bob-password}) assigned to it.
 */
@SpringBootApplication
public class LoginApplication {

    /**
     * @param args Spring Boot's arguments, such as {@code --server.port=8081}
     */
    public static void main(String[] args) {
        SpringApplication.run(LoginApplication.class, args);
    }
}
