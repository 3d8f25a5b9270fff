package io.deltabridge.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application running the bridge: {@code deltabridge-spring-boot-starter} reads it from
 * {@code application.yaml} under {@code deltabridge}, starts and stops it with the application context, puts its
 * meters in the application's registry ({@code /actuator/metrics/deltabridge.*}) and its readiness in
 * {@code /actuator/health/deltaBridge}. No code of the application's own is needed.
 */
@SpringBootApplication
public class BridgeApplication {
    public static void main(String[] args) {
        SpringApplication.run(BridgeApplication.class, args);
    }
}
