package dev.mfa4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input gets exit code 2, one line on stderr naming what was wrong, nothing on stdout,
 * and leaves the store as it was. The store holds configuration {@code Main} with bob assigned.
 */
class BadInputTest {

    @TempDir
    Path directory;

    private Cli cli;
    private byte[] storeBefore;

    @BeforeEach
    void storeWithMainAndBob() throws Exception {
        cli = Cli.in(directory);
        Path config = ConfigFiles.write(directory, "main.json", ConfigFiles.duo("Main", "api-3945ef22.duosecurity.com"));
        assertThat(cli.run("create", "-f", config.toString()).exitCode()).isZero();
        assertThat(cli.run("assign-principal", "-p", "bob", "-m", "DUBOB", "-c", "Main").exitCode()).isZero();
        storeBefore = Files.readAllBytes(cli.store());
    }

    private void refused(String expectedLine, String... args) throws Exception {
        Cli.Run run = cli.run(args);

        assertThat(run.exitCode()).as("exit code").isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo(expectedLine + "\n");
        assertThat(run.out()).isEmpty();
        assertThat(Files.readAllBytes(cli.store())).as("the store is unchanged").isEqualTo(storeBefore);
    }

    private String path(String fileName) {
        return directory.resolve(fileName).toString();
    }

    @Test
    void aMissingFile() throws Exception {
        refused("mfa create: " + path("nope.json") + ": no such file", "create", "-f", path("nope.json"));
        refused("mfa update: " + path("nope.json") + ": no such file", "update", "-f", path("nope.json"), "-n", "Main");
    }

    @Test
    void aDirectoryInsteadOfAFile() throws Exception {
        refused("mfa create: " + directory + ": is a directory, not a configuration file", "create", "-f", directory.toString());
    }

    @Test
    void malformedJson() throws Exception {
        ConfigFiles.write(directory, "bad.json", "{\"Type\": \"duo\", \"Name\": ");

        refused("mfa create: " + path("bad.json") + ": invalid configuration: document: is not valid JSON at line 1, column 25",
                "create", "-f", path("bad.json"));
    }

    @Test
    void everyProblemOfAConfigurationOnOneLine() throws Exception {
        ConfigFiles.write(directory, "invalid.json", """
                {"Type": "duo", "Name": "Other", "Options": {"Host": "https://api-3945ef22.duosecurity.com", "IntegrationKey": "nope"}}""");

        refused("mfa create: " + path("invalid.json") + ": invalid configuration (3 problems): "
                + "Options.Host: expected a bare host name such as api-3945ef22.duosecurity.com, optionally with :port "
                + "(no scheme, path, user or spaces); "
                + "Options.IntegrationKey: expected DI followed by 18 upper-case letters or digits; "
                + "Options.SecretKey: is required: The integration's secret key (skey). Never logged or shown.",
                "create", "-f", path("invalid.json"));
    }

    @Test
    void anUnknownProviderType() throws Exception {
        ConfigFiles.write(directory, "type.json", "{\"Type\": \"yubikey\", \"Name\": \"Keys\", \"Options\": {}}");

        Cli.Run run = cli.run("create", "-f", path("type.json"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("mfa create: " + path("type.json") + ": Type: no MFA provider of type 'yubikey' is installed")
                .endsWith("\n").hasLineCount(1);
        assertThat(Files.readAllBytes(cli.store())).isEqualTo(storeBefore);
    }

    @Test
    void anOversizeFile() throws Exception {
        Files.write(directory.resolve("big.json"), new byte[ConfigurationFile.MAX_BYTES + 1]);

        refused("mfa create: " + path("big.json") + ": is larger than 65536 bytes, the most a configuration file may have",
                "create", "-f", path("big.json"));
    }

    @Test
    void aFileThatIsNotUtf8() throws Exception {
        Files.write(directory.resolve("latin1.json"), new byte[] {'{', (byte) 0xE9, '}'});

        refused("mfa create: " + path("latin1.json") + ": is not UTF-8 text", "create", "-f", path("latin1.json"));
    }

    @Test
    void aDuplicateName() throws Exception {
        refused("mfa create: an MFA configuration named 'Main' already exists; names must be unique", "create", "-f", path("main.json"));
    }

    @Test
    void anUpdateThatRenames() throws Exception {
        refused("mfa update: " + path("main.json") + ": invalid configuration: Name: is 'Main' but the update is for 'Other'; "
                + "a configuration's name cannot change", "update", "-f", path("main.json"), "-n", "Other");
    }

    @Test
    void anUnknownConfiguration() throws Exception {
        ConfigFiles.write(directory, "options.json", "{\"Options\": {}}");

        refused("mfa update: no MFA configuration is named 'Nope'", "update", "-f", path("options.json"), "-n", "Nope");
        refused("mfa delete: no MFA configuration is named 'Nope'", "delete", "-n", "Nope");
        refused("mfa assign-principal: no MFA configuration is named 'Nope'", "assign-principal", "-p", "alice", "-m", "DUA", "-c", "Nope");
    }

    @Test
    void deletingAConfigurationInUseWithoutForce() throws Exception {
        refused("mfa delete: configuration 'Main' is assigned to 1 principal; run remove-principal first, or add --force to remove "
                + "the assignments too", "delete", "-n", "Main");
    }

    @Test
    void badPrincipalPaths() throws Exception {
        refused("mfa assign-principal: -p principal/internal/bob: principal: must have four segments, "
                + "principal/<identity-provider>/<kind>/<name>, but has 3", "assign-principal", "-p", "principal/internal/bob", "-m", "D",
                "-c", "Main");
        refused("mfa remove-principal: -p principal/internal/robot/bob: kind: must be user, application or group",
                "remove-principal", "-p", "principal/internal/robot/bob");
        refused("mfa assign-principal: -p 'bob smith': name: has whitespace at position 4; allowed are A-Z a-z 0-9 and . _ - @ +",
                "assign-principal", "-p", "bob smith", "-m", "D", "-c", "Main");
        refused("mfa login: -u bob\\u000aroot: name: has a control character (U+000A) at position 4; allowed are A-Z a-z 0-9 "
                + "and . _ - @ +", "login", "-u", "bob\nroot", "-m", "123456");
    }

    @Test
    void aGroupPrincipal() throws Exception {
        refused("mfa assign-principal: -p principal/internal/group/admins: kind: group principals cannot have MFA; only user and "
                + "application principals can", "assign-principal", "-p", "principal/internal/group/admins", "-m", "D", "-c", "Main");
        refused("mfa login: -u principal/internal/group/admins: kind: group principals cannot have MFA; only user and "
                + "application principals can", "login", "-u", "principal/internal/group/admins", "-m", "123456");
    }

    @Test
    void aBlankProviderUserId() throws Exception {
        refused("mfa assign-principal: -m: providerUserId: must not be blank", "assign-principal", "-p", "alice", "-m", " ", "-c", "Main");
    }

    @Test
    void somethingThatIsNeitherAPasscodeNorAKeyword() throws Exception {
        Cli.Run run = cli.run("login", "-u", "bob", "-m", "hunter2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("mfa login: -m: credential: is not a passcode or a keyword; type a passcode of 4 to 16 digits, "
                + "one of: ").hasLineCount(1).doesNotContain("hunter2");
        assertThat(run.out()).isEmpty();
        assertThat(cli.store().resolveSibling("store.json.attempts")).as("nothing was counted").doesNotExist();
    }

    @Test
    void noPasscodeAndNoTerminalToAskOn() throws Exception {
        refused("mfa login: -m is required: give a passcode or push (there is no terminal to ask on)", "login", "-u", "bob");
    }

    @Test
    void anUnknownFlag() throws Exception {
        refused("mfa get: Unknown option: '--bogus' (see 'mfa get --help')", "get", "--bogus");
        refused("mfa create: Unknown option: '-x' (see 'mfa create --help')", "create", "-f", path("main.json"), "-x");
    }

    @Test
    void aMissingFlagOrCommand() throws Exception {
        refused("mfa create: Missing required option: '-f=FILE' (see 'mfa create --help')", "create");
        refused("mfa assign-principal: Missing required options: '-m=PROVIDER_USER_ID', '-c=CONFIG' (see 'mfa assign-principal --help')",
                "assign-principal", "-p", "bob");
        refused("mfa: Missing command: choose one of get, create, update, delete, assign-principal, remove-principal, login, enroll, enrollment, "
                + "recovery-codes, demo (see 'mfa --help')");
        refused("mfa: Unmatched argument at index 2: 'frobnicate' (see 'mfa --help')", "frobnicate");
    }

    @Test
    void aCorruptStoreIsNamedAndLeftAsItIs() throws Exception {
        Files.writeString(cli.store(), "garbage");
        storeBefore = Files.readAllBytes(cli.store());

        refused("mfa get: the MFA store file " + cli.store() + " is not valid: it is not valid JSON at line 1, column 1; "
                + "it was left as it is (fix or move it away)", "get");
        refused("mfa create: the MFA store file " + cli.store() + " is not valid: it is not valid JSON at line 1, column 1; "
                + "it was left as it is (fix or move it away)", "create", "-f", path("main.json"));
    }

    @Test
    void verboseAddsTheStackTraceAfterTheLine() {
        Cli.Run run = cli.run("--verbose", "delete", "-n", "Nope");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("mfa delete: no MFA configuration is named 'Nope'\n"
                + "dev.mfa4j.api.ConfigurationNotFoundException: no MFA configuration is named 'Nope'\n\tat ");
        assertThat(cli.run("delete", "-n", "Nope").err()).doesNotContain("\tat ");
    }
}
