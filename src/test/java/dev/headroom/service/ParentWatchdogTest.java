package dev.headroom.service;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ParentWatchdogTest {
    private static final Duration FAST_CHECKS = Duration.ofMillis(20);

    @Test
    void theAliveCheckTurnsFalseWhenTheProcessEnds() throws Exception {
        Process parent = new ProcessBuilder("sleep", "1").start();
        BooleanSupplier alive = ParentWatchdog.aliveCheck(parent.pid());

        assertThat(alive.getAsBoolean()).isTrue();
        assertThat(parent.waitFor(10, SECONDS)).isTrue();
        assertThat(alive.getAsBoolean()).isFalse();
    }

    @Test
    void exitsOnceTheParentIsGoneAndNotBefore() throws Exception {
        Process parent = new ProcessBuilder("sleep", "1").start();
        CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
        ParentWatchdog watchdog = new ParentWatchdog(
                parent.pid(), ParentWatchdog.aliveCheck(parent.pid()), FAST_CHECKS, exitStatus::complete);

        watchdog.afterPropertiesSet();
        Thread.sleep(200);

        assertThat(exitStatus).as("exited while the parent lives").isNotDone();
        assertThat(parent.isAlive())
                .as("premise: the parent still ran when checked")
                .isTrue();
        assertThat(exitStatus.get(10, SECONDS)).isEqualTo(ParentWatchdog.EXIT_STATUS_PARENT_GONE);
        assertThat(parent.isAlive()).isFalse();
    }

    @Test
    void closingTheContextStopsTheWatchWithoutExiting() throws Exception {
        CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
        ParentWatchdog watchdog =
                new ParentWatchdog(ProcessHandle.current().pid(), () -> true, FAST_CHECKS, exitStatus::complete);
        watchdog.afterPropertiesSet();
        assertThat(watchdog.isWatching()).isTrue();

        watchdog.destroy();

        for (int i = 0; i < 100 && watchdog.isWatching(); i++) Thread.sleep(10);
        assertThat(watchdog.isWatching()).isFalse();
        assertThat(exitStatus).isNotDone();
    }

    @Test
    void isABeanOnlyWhenTheParentPidIsGiven() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(ParentWatchdog.class);

        runner.run(context -> assertThat(context).doesNotHaveBean(ParentWatchdog.class));
        runner.withPropertyValues(ParentWatchdog.PARENT_PID_PROPERTY + "="
                        + ProcessHandle.current().pid())
                .run(context -> {
                    assertThat(context).hasSingleBean(ParentWatchdog.class);
                    assertThat(context.getBean(ParentWatchdog.class).isWatching())
                            .isTrue();
                });
    }
}
