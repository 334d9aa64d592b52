package dev.headroom.service;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Exits this JVM once the process that launched it (the lab) is gone, so a lab that is killed never
 * leaves the service running, holding its ports and database connections. Active only when
 * {@code headroom.parent-pid} is set.
 */
@Component
@ConditionalOnProperty(ParentWatchdog.PARENT_PID_PROPERTY)
final class ParentWatchdog implements InitializingBean, DisposableBean {
    static final String PARENT_PID_PROPERTY = "headroom.parent-pid";
    /** Distinct from the JVM's 1 for an uncaught error, so the lab's log can tell them apart. */
    static final int EXIT_STATUS_PARENT_GONE = 3;

    private static final Logger log = LoggerFactory.getLogger(ParentWatchdog.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final long parentPid;
    private final BooleanSupplier parentAlive;
    private final Duration checkInterval;
    private final IntConsumer exit;
    private final Thread thread;

    @Autowired
    ParentWatchdog(@Value("${" + PARENT_PID_PROPERTY + "}") long parentPid) {
        this(parentPid, aliveCheck(parentPid), CHECK_INTERVAL, System::exit);
    }

    /** The exit is a parameter so that a test can watch it happen without ending its own JVM. */
    ParentWatchdog(long parentPid, BooleanSupplier parentAlive, Duration checkInterval, IntConsumer exit) {
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("checkInterval must be positive: " + checkInterval);
        }
        this.parentPid = parentPid;
        this.parentAlive = parentAlive;
        this.checkInterval = checkInterval;
        this.exit = exit;
        this.thread = new Thread(this::watch, "parent-watchdog");
        // A daemon, so that the watchdog itself never keeps a JVM alive that is shutting down.
        this.thread.setDaemon(true);
    }

    /**
     * Whether the process is still alive. The handle is taken once, now: it remembers the process's
     * start time, so a PID reused by a new process after the parent died does not count as alive.
     */
    static BooleanSupplier aliveCheck(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return () -> handle.map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void afterPropertiesSet() {
        thread.start();
    }

    @Override
    public void destroy() {
        thread.interrupt();
    }

    boolean isWatching() {
        return thread.isAlive();
    }

    private void watch() {
        try {
            while (parentAlive.getAsBoolean()) {
                Thread.sleep(checkInterval.toMillis());
            }
        } catch (InterruptedException e) {
            return; // the context is closing; the JVM ends on its own
        }
        log.error("Parent process {} is gone; exiting so this service is not left orphaned", parentPid);
        exit.accept(EXIT_STATUS_PARENT_GONE);
    }
}
