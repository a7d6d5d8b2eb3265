package dev.ticketing.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Cloud Gateway as it comes, for edge.sh to measure next to nginx and the real gateway. */
@SpringBootApplication
public class BareGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareGatewayApplication.class, args);
    }
}
