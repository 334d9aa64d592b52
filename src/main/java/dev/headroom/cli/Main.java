package dev.headroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar target/headroom-cli.jar <command>}: the sizer, the USL fit, and the nightly history and gate. */
@Command(
        name = "headroom",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Capacity sizing from load-test steps, and nightly comparison of runs.",
        subcommands = {
            SizeCommand.class,
            SystemCommand.class,
            UslCommand.class,
            HistoryCommand.class,
            CompareCommand.class,
            BaselineCommand.class,
            TrendCommand.class,
            NoiseCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {
    /** Bad input: a file, a field or a flag was wrong; nothing was written. */
    public static final int EXIT_BAD_INPUT = 2;
    /** The sizing was written, and it has findings at or above the --fail-on severity. */
    public static final int EXIT_FINDINGS = 1;
    /** The sizer failed on input it accepted: a defect to report; earlier outputs are untouched. */
    public static final int EXIT_SIZER_FAILED = 3;
    /** compare: the gate failed (the same code as --fail-on findings: "the job found a problem"). */
    public static final int EXIT_REGRESSION = 1;
    /** compare: the two runs measured different things, so no verdict was given. */
    public static final int EXIT_NOT_COMPARABLE = 4;

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
