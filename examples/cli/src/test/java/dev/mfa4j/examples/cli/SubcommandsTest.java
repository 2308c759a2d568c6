package dev.mfa4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which commands a run builds: the one it names, or all of them. */
class SubcommandsTest {

    @Test
    void theNamedCommandIsFoundPastTheTopLevelOptionsAndTheirValues() {
        assertThat(Subcommands.named(new String[] {"--store", "get", "--lock-wait", "5s", "--verbose", "login", "-u", "bob"}))
                .isEqualTo("login");
        assertThat(Subcommands.named(new String[] {"--store", "x.json"})).isNull();
        assertThat(Subcommands.named(new String[] {"--help"})).isNull();
    }

    @Test
    void aRunThatNamesOneCommandBuildsOnlyItAndAnyOtherRunBuildsAll() {
        CommandLine one = new CommandLine(new MfaCommand(Cli.noEnvironment()));
        Subcommands.addTo(one, new String[] {"--store", "s.json", "get"});
        CommandLine all = new CommandLine(new MfaCommand(Cli.noEnvironment()));
        Subcommands.addTo(all, new String[] {"frobnicate"});

        assertThat(one.getSubcommands()).containsOnlyKeys("get");
        assertThat(all.getSubcommands().keySet()).containsExactlyElementsOf(Subcommands.names());
    }
}
