package io.deltabridge.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A Spring Boot application running the bridge as a managed bean: configured in
 * {@code application.yaml} under {@code deltabridge}, started and stopped with the application
 * context ({@link BridgeLifecycle}), health and metrics through Actuator
 * ({@code /actuator/health}, {@code /actuator/metrics/deltabridge.*}).
 */
@SpringBootApplication
@EnableConfigurationProperties(DeltaBridgeProperties.class)
public class BridgeApplication {
    public static void main(String[] args) {
        SpringApplication.run(BridgeApplication.class, args);
    }
}
