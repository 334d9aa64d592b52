package dev.headroom.scenario;

import java.util.OptionalDouble;

/**
 * How the lab runs the reference service. {@code cpus} is the CPU budget (absent: no limit);
 * {@code -Dheadroom.cpus} overrides it.
 */
public record ServiceSettings(OptionalDouble cpus, int poolSize, int tomcatThreads, String heap) {
    public ServiceSettings {
        cpus.ifPresent(c -> Checks.positive("cpus", c));
        Checks.positive("poolSize", poolSize);
        Checks.positive("tomcatThreads", tomcatThreads);
    }
}
