package dev.mfa4j.core.internal;

import dev.mfa4j.api.ProviderLoadException;
import dev.mfa4j.api.UnknownProviderTypeException;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.OptionSpec;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installed providers, by type: those registered explicitly with the builder, plus those
 * found with {@link ServiceLoader}.
 *
 * <p>Diagnostics follow SLF4J's manner but fail closed: a provider that fails to load is skipped
 * with a WARN naming it (the others still load); two providers claiming one type stop the build,
 * naming both classes, because silently picking one would let class-path order decide how users
 * are authenticated. An explicitly registered provider replaces a discovered one of its type.
 */
public final class ProviderRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern KEYWORD = Pattern.compile("[a-z][a-z0-9]{0,15}");
    /** A guard against a service iterator that keeps failing on the same entry. */
    private static final int MAX_SERVICE_ENTRIES = 1000;

    private final Map<String, MfaProvider> byType;
    private final Set<String> allKeywords;

    private ProviderRegistry(Map<String, MfaProvider> byType) {
        this.byType = Collections.unmodifiableMap(new TreeMap<>(byType));
        Set<String> keywords = new HashSet<>();
        byType.values().forEach(p -> keywords.addAll(p.keywords()));
        this.allKeywords = Set.copyOf(keywords);
    }

    /**
     * @param explicit providers registered with the builder
     * @param discover whether to look for providers with {@link ServiceLoader}
     * @param classLoader where to look; null for the thread's context class loader
     * @return the registry
     * @throws ProviderLoadException if two providers claim one type
     */
    public static ProviderRegistry load(List<MfaProvider> explicit, boolean discover, ClassLoader classLoader) {
        Map<String, MfaProvider> discovered = new LinkedHashMap<>();
        if (discover) {
            Iterator<MfaProvider> providers = discovered(classLoader);
            for (int entry = 0; providers != null && entry < MAX_SERVICE_ENTRIES; entry++) {
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    add(discovered, providers.next(), "found on the class path");
                } catch (ServiceConfigurationError e) {
                    LOG.warn("MFA-CORE-001 An MFA provider failed to load and is skipped: {}", e.getMessage());
                }
            }
        }
        Map<String, MfaProvider> registered = new LinkedHashMap<>();
        for (MfaProvider provider : explicit) {
            add(registered, provider, "registered with the builder");
        }
        registered.forEach((type, provider) -> {
            MfaProvider replaced = discovered.put(type, provider);
            if (replaced != null && replaced.getClass() != provider.getClass()) {
                LOG.info("MFA-CORE-004 MFA provider type '{}': using {} registered with the builder instead of {} found on the class path",
                        type, provider.getClass().getName(), replaced.getClass().getName());
            }
        });
        if (discovered.isEmpty()) {
            LOG.warn("MFA-CORE-005 No MFA provider is installed: add a provider jar such as mfa-provider-duo, or register one with the builder");
        }
        return new ProviderRegistry(discovered);
    }

    /**
     * ServiceLoader.load itself throws when the caller's module may not use the service, so it is
     * inside the handler too: providers registered with the builder still load, and with none the
     * registry says that no provider is installed.
     */
    private static Iterator<MfaProvider> discovered(ClassLoader classLoader) {
        try {
            ServiceLoader<MfaProvider> loader = classLoader == null
                    ? ServiceLoader.load(MfaProvider.class)
                    : ServiceLoader.load(MfaProvider.class, classLoader);
            return loader.iterator();
        } catch (ServiceConfigurationError e) {
            LOG.warn("MFA-CORE-007 MFA providers cannot be looked up, none is discovered: {}", e.getMessage());
            return null;
        }
    }

    private static void add(Map<String, MfaProvider> byType, MfaProvider provider, String origin) {
        String className = provider.getClass().getName();
        String type;
        try {
            if (provider.spiVersion() != MfaProvider.SPI_VERSION) {
                LOG.warn("MFA-CORE-002 MFA provider {} is skipped: it was written for SPI version {} but this mfa-core uses version {}",
                        className, provider.spiVersion(), MfaProvider.SPI_VERSION);
                return;
            }
            type = provider.type();
            String problem = problem(provider, type);
            if (problem != null) {
                LOG.warn("MFA-CORE-003 MFA provider {} is skipped: {}", className, problem);
                return;
            }
        } catch (RuntimeException e) {
            LOG.warn("MFA-CORE-001 MFA provider {} is skipped: describing itself failed with {}", className, e.toString());
            return;
        }
        MfaProvider other = byType.putIfAbsent(type, provider);
        if (other != null) {
            throw new ProviderLoadException("MFA-CORE-006 two MFA providers claim the type '" + type + "': " + describe(other) + " and "
                    + describe(provider) + " (both " + origin + "); remove one of the jars, or register the one to use with the builder");
        }
    }

    private static String problem(MfaProvider provider, String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            return "its type must be a lower-case letter then up to 31 lower-case letters, digits, - or _";
        }
        List<OptionSpec> options = provider.options();
        if (options == null || options.stream().anyMatch(java.util.Objects::isNull)) {
            return "its options() must be a list without nulls";
        }
        Set<String> names = new HashSet<>();
        for (OptionSpec option : options) {
            if (!names.add(option.name().toLowerCase(java.util.Locale.ROOT))) {
                return "it declares the option " + option.name() + " twice";
            }
            if (CommonOptions.isCommon(option.name())) {
                return "it declares the option " + option.name() + ", which mfa-core applies to every configuration";
            }
        }
        Set<String> keywords = provider.keywords();
        if (keywords == null || keywords.stream().anyMatch(k -> k == null || !KEYWORD.matcher(k).matches())) {
            return "its keywords must be lower-case letters and digits, starting with a letter";
        }
        return null;
    }

    private static String describe(MfaProvider provider) {
        String location = "";
        try {
            var source = provider.getClass().getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                location = " from " + source.getLocation();
            }
        } catch (SecurityException e) {
            // the location is only a hint
        }
        return provider.getClass().getName() + location;
    }

    /**
     * @param type a provider type
     * @return the provider, or empty if none of that type is installed
     */
    public Optional<MfaProvider> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /**
     * @param type a provider type
     * @return the provider
     * @throws UnknownProviderTypeException naming the installed types if none has that type
     */
    public MfaProvider require(String type) {
        MfaProvider provider = byType.get(type);
        if (provider == null) {
            throw new UnknownProviderTypeException(type, byType.keySet());
        }
        return provider;
    }

    /** @return the installed types, sorted */
    public Set<String> types() {
        return byType.keySet();
    }

    /** @return the installed providers, sorted by type */
    public List<MfaProvider> providers() {
        return List.copyOf(byType.values());
    }

    /** @return every keyword any installed provider understands */
    public Set<String> allKeywords() {
        return allKeywords;
    }
}
