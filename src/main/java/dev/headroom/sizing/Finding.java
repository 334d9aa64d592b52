package dev.headroom.sizing;

import java.util.Objects;

/** Something the sizer wants a person (or CI) to see, with a stable code. */
public record Finding(FindingCode code, Severity severity, String message) {
    public enum Severity {
        /** Worth knowing; the sizing stands. */
        INFO,
        /** The sizing stands but rests on an estimate or a weak input. */
        WARNING,
        /** A plan or the measurements fail a constraint; act on it. */
        ERROR
    }

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        if (message == null || message.isBlank()) throw new IllegalArgumentException("a finding needs a message");
    }

    public static Finding info(FindingCode code, String message) {
        return new Finding(code, Severity.INFO, message);
    }

    public static Finding warning(FindingCode code, String message) {
        return new Finding(code, Severity.WARNING, message);
    }

    public static Finding error(FindingCode code, String message) {
        return new Finding(code, Severity.ERROR, message);
    }
}
