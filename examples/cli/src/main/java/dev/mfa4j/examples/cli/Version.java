package dev.mfa4j.examples.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code mfa --version}: the version in the jar's manifest, when there is one. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"mfa (mfa4j) " + (version == null ? "development build" : version)};
    }
}
