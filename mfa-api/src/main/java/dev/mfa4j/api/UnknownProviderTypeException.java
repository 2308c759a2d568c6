package dev.mfa4j.api;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A configuration names a provider type that is not installed. Add the provider's jar to the
 * class path (or module path), or register it with the service builder.
 *
 * @since 0.1.0
 */
public class UnknownProviderTypeException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** The type no installed provider has. */
    private final String type;
    private final transient List<String> installedTypes;

    /**
     * @param type the type that was asked for
     * @param installedTypes the types that are installed
     */
    public UnknownProviderTypeException(String type, Set<String> installedTypes) {
        super("Type", "no MFA provider of type '" + Objects.requireNonNull(type, "type") + "' is installed (installed: "
                + (installedTypes.isEmpty() ? "none" : String.join(", ", new TreeSet<>(installedTypes)))
                + "); add the provider's jar, for example mfa-provider-" + type + ", to the class path");
        this.type = type;
        this.installedTypes = List.copyOf(new TreeSet<>(installedTypes));
    }

    /** @return the type that was asked for */
    public String type() {
        return type;
    }

    /** @return the installed types, sorted */
    public List<String> installedTypes() {
        return installedTypes;
    }
}
