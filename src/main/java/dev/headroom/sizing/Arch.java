package dev.headroom.sizing;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A CPU architecture, named as EC2 names it; a JVM image must be built for the one it runs on. */
public enum Arch {
    X86_64("x86_64"),
    ARM64("arm64");

    private final String key;

    Arch(String key) {
        this.key = key;
    }

    /** The name as EC2 and the catalog write it: {@code x86_64} or {@code arm64}. */
    public String key() {
        return key;
    }

    /** @throws IllegalArgumentException naming the accepted keys */
    public static Arch byKey(String key) {
        for (Arch arch : values()) {
            if (arch.key.equals(key)) return arch;
        }
        throw new IllegalArgumentException("unknown architecture '" + key + "'; accepted: " + keys());
    }

    static String keys() {
        return Arrays.stream(values()).map(Arch::key).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return key;
    }
}
