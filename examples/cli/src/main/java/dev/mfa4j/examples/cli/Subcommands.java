package dev.mfa4j.examples.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * The commands of {@code mfa}, in the order help lists them. Building picocli's model of a command
 * (reading its annotations, loading its classes) is most of the start-up time of a short command,
 * so a run that names one command gets only that one's model; a run that names none, or an
 * unknown one, gets them all, for help and for suggestions.
 */
final class Subcommands {

    private static final Map<String, Class<?>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("get", GetCommand.class);
        ALL.put("create", CreateCommand.class);
        ALL.put("update", UpdateCommand.class);
        ALL.put("delete", DeleteCommand.class);
        ALL.put("assign-principal", AssignPrincipalCommand.class);
        ALL.put("remove-principal", RemovePrincipalCommand.class);
        ALL.put("login", LoginCommand.class);
        ALL.put("enroll", EnrollCommand.class);
        ALL.put("enrollment", EnrollmentCommand.class);
        ALL.put("recovery-codes", RecoveryCodesCommand.class);
        ALL.put("demo", DemoCommand.class);
    }

    /** The top-level options that take a value, whose value is not a command name. */
    private static final Set<String> OPTIONS_WITH_VALUES = Set.of("--store", "--lock-wait");

    private Subcommands() {
    }

    /** @return every command name, in help's order */
    static Set<String> names() {
        return ALL.keySet();
    }

    /**
     * Adds to {@code mfa} the command {@code args} names, or every command.
     *
     * @param mfa the top-level command line
     * @param args the arguments of this run
     */
    static void addTo(CommandLine mfa, String[] args) {
        String named = named(args);
        if (named != null && ALL.containsKey(named)) {
            mfa.addSubcommand(named, ALL.get(named));
            return;
        }
        ALL.forEach(mfa::addSubcommand);
    }

    /** @return the first argument that is neither an option nor an option's value, or null */
    static String named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (OPTIONS_WITH_VALUES.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }
}
