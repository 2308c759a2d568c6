package dev.mfa4j.examples.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} for every command. */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;
}
