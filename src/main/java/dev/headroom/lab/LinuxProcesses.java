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
                    .findFirst();
        } catch (IOException e) {
            return OptionalLong.empty();
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
