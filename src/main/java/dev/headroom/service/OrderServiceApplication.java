package dev.headroom.service;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The reference service, the system under test: a small food-ordering API (stores, menus, orders)
 * whose endpoints each do a known, different amount of database work.
 */
@SpringBootApplication
public class OrderServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderServiceApplication.class, args);
    }

    /** UTC, so stored times depend neither on the host's nor on the database session's time zone. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
