package dev.headroom.metrics;

/** Monotonic time, behind an interface so step windows and samplers can be tested with a fake. */
@FunctionalInterface
public interface NanoClock {
    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
