package dev.headroom.lab;

/** The lab could not do what a run needs (start a database or the service, reach a target). */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
