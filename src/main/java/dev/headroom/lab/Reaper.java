package dev.headroom.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Stops a server the lab started if the lab's JVM dies without doing it (kill -9, a crash): a small
 * shell process that outlives the JVM, polls it once a second, and when it is gone kills the
 * server. Shutdown hooks cover every other way out; this covers the one they cannot.
 */
final class Reaper {
    private Reaper() {}

    /**
     * Watches this JVM on behalf of {@code pid}. The kill only happens if {@code pid} still runs a
     * command line containing {@code fragment}, so a PID reused by another process is left alone.
     * {@code dirToDelete} (may be null) is removed afterwards.
     */
    static void watch(long pid, String fragment, Path dirToDelete) {
        long lab = ProcessHandle.current().pid();
        String script = "while kill -0 " + lab + " 2>/dev/null; do sleep 1; done; "
                + "if grep -qF -- \"$1\" /proc/" + pid + "/cmdline 2>/dev/null; then kill -9 " + pid + "; fi; "
                + (dirToDelete == null ? "" : "sleep 1; rm -rf -- \"$2\"");
        try {
            new ProcessBuilder(List.of(
                            "sh",
                            "-c",
                            script,
                            "headroom-reaper",
                            fragment,
                            dirToDelete == null ? "" : dirToDelete.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            // without sh the shutdown hooks still stop the server on every ordinary exit
            System.err.println("headroom: cannot start the reaper for pid " + pid + ": " + e.getMessage());
        }
    }
}
