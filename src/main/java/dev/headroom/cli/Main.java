package dev.headroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar target/headroom.jar <command>}: the sizer and the USL fit. */
@Command(
        name = "headroom",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Capacity sizing from load-test steps.",
        subcommands = {SizeCommand.class, UslCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Bad input: a file, a field or a flag was wrong; nothing was written. */
    public static final int EXIT_BAD_INPUT = 2;
    /** The sizing was written, and it has findings at or above the --fail-on severity. */
    public static final int EXIT_FINDINGS = 1;
    /** The sizer failed on input it accepted: a defect to report; earlier outputs are untouched. */
    public static final int EXIT_SIZER_FAILED = 3;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main()); // picocli exits with 2 (its USAGE code) on invalid flags, as EXIT_BAD_INPUT
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"headroom " + (v == null ? "(development build)" : v)};
        }
    }
}
