package dev.headroom.service.seed;

/** Seeding failed in the database; the cause is the {@link java.sql.SQLException}. */
public final class SeedException extends RuntimeException {
    SeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
