package dev.mfa4j.examples.cli;

import static dev.mfa4j.examples.cli.ConfigFiles.SKEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management commands (get, create, update, delete, assign-principal, remove-principal), each as it should go, against a store in a temporary directory. */
class ManagementCommandsTest {

    @TempDir
    Path directory;

    private Cli cli() {
        return Cli.in(directory);
    }

    private Path file(String content) {
        return ConfigFiles.write(directory, "config.json", content);
    }

    @Test
    void getOnANewStorePrintsAnEmptyArrayAndCreatesNothing() {
        Cli.Run run = cli().run("get");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("[ ]\n");
        assertThat(run.err()).isEmpty();
        assertThat(cli().store()).doesNotExist();
    }

    @Test
    void createThenGetPrintsTheSeedsArrayWithTheSecretRedacted() {
        Cli cli = cli();
        Cli.Run created = cli.run("create", "-f", file(ConfigFiles.duo("MyDuoConfig", "api-3945ef22.duosecurity.com")).toString());

        assertThat(created.exitCode()).isZero();
        assertThat(created.out()).isEqualTo("Created configuration 'MyDuoConfig' (type duo, revision 1).\n");
        assertThat(created.err()).isEmpty();

        Cli.Run get = cli.run("get");
        assertThat(get.exitCode()).isZero();
        assertThat(get.out()).isEqualTo("""
                [ {
                  "Type": "duo",
                  "Name": "MyDuoConfig",
                  "Options": {
                    "Host": "api-3945ef22.duosecurity.com",
                    "IntegrationKey": "DIWJ8X6AEYOR5OMC6TQ1",
                    "SecretKey": "********"
                  },
                  "Revision": 1
                } ]
                """);
        assertThat(get.err()).isEmpty();
    }

    @Test
    void getShowsSecretsOnlyWhenAsked() {
        Cli cli = cli();
        cli.run("create", "-f", file(ConfigFiles.duo("MyDuoConfig", "api-3945ef22.duosecurity.com")).toString());

        assertThat(cli.run("get").out()).doesNotContain(SKEY);
        assertThat(cli.run("get", "--show-secrets").out()).contains("\"SecretKey\": \"" + SKEY + "\"");
    }

    @Test
    void updateChangesEverythingButTheNameAndKeepsAnOmittedSecret() {
        Cli cli = cli();
        cli.run("create", "-f", file(ConfigFiles.duo("MyDuoConfig", "api-3945ef22.duosecurity.com")).toString());
        Path update = ConfigFiles.write(directory, "update.json", """
                {"Options": {"Host": "api-11111111.duosecurity.com", "IntegrationKey": "DIWJ8X6AEYOR5OMC6TQ1"}}""");

        Cli.Run run = cli.run("update", "-f", update.toString(), "-n", "MyDuoConfig");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Updated configuration 'MyDuoConfig' (type duo, revision 2).\n");
        assertThat(run.err()).isEmpty();
        assertThat(cli.run("get", "--show-secrets").out()).contains("api-11111111.duosecurity.com", SKEY, "\"Revision\": 2");
    }

    @Test
    void assignAndRemoveAPrincipalByPathOrByBareUserName() throws Exception {
        Cli cli = cli();
        cli.run("create", "-f", file(ConfigFiles.duo("MyDuoConfig", "api-3945ef22.duosecurity.com")).toString());

        Cli.Run assigned = cli.run("assign-principal", "-p", "principal/internal/user/bob", "-m", "12752112652d3c0f21551938864e2",
                "-c", "MyDuoConfig");
        assertThat(assigned.exitCode()).isZero();
        assertThat(assigned.out()).isEqualTo("Assigned principal/internal/user/bob to configuration 'MyDuoConfig'.\n");
        assertThat(Files.readString(cli.store())).contains("\"Principal\": \"principal/internal/user/bob\"",
                "\"ProviderUserId\": \"12752112652d3c0f21551938864e2\"");

        Cli.Run app = cli.run("assign-principal", "-p", "principal/ldap/application/ci-bot", "-m", "DUCIBOT", "-c", "MyDuoConfig");
        assertThat(app.exitCode()).isZero();

        Cli.Run removed = cli.run("remove-principal", "-p", "bob");
        assertThat(removed.exitCode()).isZero();
        assertThat(removed.out()).isEqualTo("Removed MFA from principal/internal/user/bob.\n");
        assertThat(removed.err()).isEmpty();

        Cli.Run again = cli.run("remove-principal", "-p", "principal/internal/user/bob");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("principal/internal/user/bob had no MFA assignment; nothing changed.\n");
    }

    @Test
    void deleteAnUnusedConfigurationAndForceOneInUse() {
        Cli cli = cli();
        cli.run("create", "-f", file(ConfigFiles.duo("Unused", "api-3945ef22.duosecurity.com")).toString());
        cli.run("create", "-f", file(ConfigFiles.duo("Used", "api-3945ef22.duosecurity.com")).toString());
        cli.run("assign-principal", "-p", "bob", "-m", "DUBOB", "-c", "Used");

        Cli.Run unused = cli.run("delete", "-n", "Unused");
        assertThat(unused.exitCode()).isZero();
        assertThat(unused.out()).isEqualTo("Deleted configuration 'Unused'.\n");

        Cli.Run forced = cli.run("delete", "-n", "Used", "--force");
        assertThat(forced.exitCode()).isZero();
        assertThat(forced.out()).isEqualTo("Deleted configuration 'Used' and removed 1 assignment; those principals no longer have MFA.\n");
        assertThat(cli.run("get").out()).isEqualTo("[ ]\n");
        assertThat(cli.run("remove-principal", "-p", "bob").out()).contains("had no MFA assignment");
    }

    @Test
    void theStoreComesFromTheFlagElseTheEnvironmentElseTheHomeDirectory() {
        Path home = directory.resolve("home");
        Path fromVariable = directory.resolve("elsewhere/store.json");
        Path config = file(ConfigFiles.duo("MyDuoConfig", "api-3945ef22.duosecurity.com"));

        Environment withVariable = new Environment(Map.of(Environment.STORE_VARIABLE, fromVariable.toString()), home, Terminal.none());
        assertThat(Cli.runExactly(withVariable, "create", "-f", config.toString()).exitCode()).isZero();
        assertThat(fromVariable).exists();

        Environment plain = new Environment(Map.of(), home, Terminal.none());
        assertThat(Cli.runExactly(plain, "create", "-f", config.toString()).exitCode()).isZero();
        assertThat(home.resolve(".mfa4j/store.json")).exists();

        Path flag = directory.resolve("flag.json");
        assertThat(Cli.runExactly(withVariable, "get", "--store", flag.toString()).out()).isEqualTo("[ ]\n");
    }

    @Test
    void helpAndVersionGoToStdoutWithExitZero() {
        Cli.Run help = cli().run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: mfa", "assign-principal", "remove-principal", "login", "demo", "Exit codes:");
        assertThat(help.err()).isEmpty();

        Cli.Run loginHelp = cli().run("login", "--help");
        assertThat(loginHelp.exitCode()).isZero();
        assertThat(loginHelp.out()).contains("Usage: mfa login", "-u=USER", "-m=PASSCODE|push");

        assertThat(cli().run("--version").out()).startsWith("mfa (mfa4j) ");
    }
}
