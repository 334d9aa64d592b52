package dev.headroom.cli;

import dev.headroom.history.Baselines;
import dev.headroom.history.RunSummary;
import dev.headroom.history.Runs;
import dev.headroom.input.InputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom baseline set|get|list}: named baselines in results/baselines.json. */
@Command(
        name = "baseline",
        mixinStandardHelpOptions = true,
        description = "Names the run later runs are compared with (results/baselines.json). A baseline moves only"
                + " when set: moving it after every passing night would let a service get slower a little at a time.",
        subcommands = {BaselineCommand.Set.class, BaselineCommand.Get.class, BaselineCommand.ListAll.class})
final class BaselineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.EXIT_BAD_INPUT;
    }

    static int bad(PrintWriter err, InputException e) {
        err.println("headroom baseline: bad input:");
        e.problems().forEach(p -> err.println("  " + p));
        return Main.EXIT_BAD_INPUT;
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = "Points NAME at RUN, which must have completed and held its assertions.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:set", "2:bad input (no such run, a run that did not complete, a bad name)"})
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "RUN", description = "A run directory, a run id, or latest.")
        String run;

        @Option(names = "--results", paramLabel = "DIR", description = "The results folder (default: results).")
        Path results = Path.of("results");

        @Override
        public Integer call() {
            try {
                RunSummary r = Runs.find(run, results);
                if (!r.dir()
                        .toAbsolutePath()
                        .normalize()
                        .getParent()
                        .equals(results.toAbsolutePath().normalize()))
                    throw new InputException("run " + r.dir() + " is not in " + results + ": a named baseline is a run"
                            + " of the results folder; give --results "
                            + r.dir().toAbsolutePath().getParent());
                Baselines.in(results).set(name, r);
                spec.commandLine()
                        .getOut()
                        .println("baseline " + name + " = " + r.runId() + " (commit "
                                + r.environment().shortCommit() + ") in " + results.resolve(Baselines.FILE));
                return 0;
            } catch (InputException e) {
                return bad(spec.commandLine().getErr(), e);
            }
        }
    }

    @Command(
            name = "get",
            mixinStandardHelpOptions = true,
            description = "Prints the run id NAME points at (for scripts).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:printed", "2:no baseline of that name"})
    static final class Get implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--results", paramLabel = "DIR", description = "The results folder (default: results).")
        Path results = Path.of("results");

        @Override
        public Integer call() {
            try {
                var entry = Baselines.in(results).get(name);
                if (entry.isEmpty()) {
                    spec.commandLine()
                            .getErr()
                            .println("headroom baseline: no baseline named " + name + " in " + results);
                    return Main.EXIT_BAD_INPUT;
                }
                spec.commandLine().getOut().println(entry.get().runId());
                return 0;
            } catch (InputException e) {
                return bad(spec.commandLine().getErr(), e);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the named baselines.")
    static final class ListAll implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--results", paramLabel = "DIR", description = "The results folder (default: results).")
        Path results = Path.of("results");

        @Override
        public Integer call() {
            try {
                Baselines.in(results).asMap().forEach((name, e) -> spec.commandLine()
                        .getOut()
                        .println(name + " = " + e.runId() + " (commit " + e.gitCommit() + ", set " + e.setAt() + ")"));
                return 0;
            } catch (InputException e) {
                return bad(spec.commandLine().getErr(), e);
            }
        }
    }
}
