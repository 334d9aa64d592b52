package dev.headroom.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** Finds processes by command line through /proc, for servers whose launchers do not expose a PID. */
public final class LinuxProcesses {
    private LinuxProcesses() {}

    /** The PID of the first live process whose command line contains every one of {@code fragments}. */
    public static OptionalLong findByCommandLine(List<String> fragments) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> matches(p.resolve("cmdline"), fragments))
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
                    .filter(LinuxProcesses::isRunning) // a zombie still has its command line
                    .findFirst();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Whether {@code pid} is a running process. Reads /proc without relying on an open file when it
     * can: an injector holding thousands of sockets may be out of file descriptors, and must not
     * then take a live database for a dead one.
     */
    public static boolean isRunning(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        if (!Files.isDirectory(proc)) return false;
        try {
            String stat = Files.readString(proc.resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X'; // a zombie has exited; only its parent has not reaped it yet
        } catch (IOException | RuntimeException e) {
            // its state could not be read: out of file descriptors (it still exists), or it was reaped
            // between the two reads (it no longer does); stat(2) on the directory needs no descriptor
            return Files.isDirectory(proc);
        }
    }

    private static boolean matches(Path cmdline, List<String> fragments) {
        try {
            String text = new String(Files.readAllBytes(cmdline)).replace('\0', ' ');
            return fragments.stream().allMatch(text::contains);
        } catch (IOException e) {
            return false; // the process ended while we looked
        }
    }
}
