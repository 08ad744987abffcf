package org.dadiff4j.cli;

import java.io.PrintWriter;
import org.dadiff4j.DadiffException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of the {@code dadiff} command. */
@Command(
        name = "dadiff",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Blind image super-resolution by degradation-aware diffusion guidance (DADiff).",
        subcommands = {
            UpscaleCommand.class,
            SampleCommand.class,
            DegradeCommand.class,
            DatasetCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    /** Exit code for problems the user can fix (bad input, bad model file, full disk). */
    public static final int EXIT_USER_ERROR = 2;

    /** Exit code for bugs: anything that is not a {@link DadiffException}. */
    public static final int EXIT_INTERNAL_ERROR = 1;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Applied while parsing, before any command creates the engine. */
    @Option(names = "--threads", scope = CommandLine.ScopeType.INHERIT, paramLabel = "N",
            description = "Intra-op threads of the native engine (default: all cores).")
    void setThreads(int threads) {
        if (threads < 1 || threads > org.dadiff4j.Runtime.MAX_THREADS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be between 1 and "
                    + org.dadiff4j.Runtime.MAX_THREADS + " (four per core), got " + threads);
        }
        org.dadiff4j.Runtime.configure(threads);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static void main(String[] args) {
        org.dadiff4j.Runtime.configure(0);
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code; used by tests without exiting the JVM. */
    public static int run(String... args) {
        try {
            return newCommandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("dadiff: out of memory; try a smaller --tile, or raise -Xmx in DADIFF_JAVA_OPTS");
            return EXIT_USER_ERROR;
        }
    }

    static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handleError);
        return cl;
    }

    private static int handleError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = isVerbose(parsed);
        PrintWriter err = cl.getErr();
        if (verbose) {
            e.printStackTrace(err);
        }
        Throwable user = findUserError(e);
        if (user != null) {
            String message = user.getMessage();
            // The library names its settings; on the command line they are options of the same names.
            if (user instanceof org.dadiff4j.SettingsException se && message.startsWith(se.setting() + " ")) {
                message = "--" + message;
            }
            err.println("dadiff: " + oneLine(message));
            err.flush();
            return EXIT_USER_ERROR;
        }
        err.println("dadiff: internal error: " + oneLine(String.valueOf(e))
                + (verbose ? "" : " (run with --verbose for details)"));
        err.flush();
        return EXIT_INTERNAL_ERROR;
    }

    private static Throwable findUserError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DadiffException) {
                return t;
            }
        }
        return null;
    }

    private static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null;
                p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /** Reads the version that Maven writes into the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"dadiff4j " + (v == null ? "(development build)" : v),
                "DJL 0.36.0, PyTorch 2.7.1 (CPU)"};
        }
    }
}
