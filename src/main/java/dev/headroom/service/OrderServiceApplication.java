package dev.headroom.service;

import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The reference service, the system under test: a small food-ordering API (stores, menus, orders)
 * whose endpoints each do a known, different amount of database work.
 */
@SpringBootApplication
public class OrderServiceApplication {
    /**
     * The service's configuration is {@code headroom-service.properties} (and {@code
     * headroom-service-<profile>.properties}), not {@code application.properties}, and its Flyway
     * migrations live under {@code dev/headroom/service/db}: Headroom's jar is also a library on a
     * user's test classpath, where an {@code application.properties} or a {@code db/migration} at the
     * root would be read by the user's own Spring Boot application.
     */
    public static final String CONFIG_NAME = "headroom-service";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(OrderServiceApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }

    /** UTC, so stored times depend neither on the host's nor on the database session's time zone. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
