package dev.ticketing.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.support.json.StrictJsonTest;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** The running Tomcat of a service takes a burst of connects into its listen queue (WebServerDefaults). */
@SpringBootTest(classes = StrictJsonTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebServerDefaultsTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theListenQueueHoldsABurstOfConnects() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat(connector.getProperty("acceptCount")).isEqualTo(WebServerDefaults.ACCEPT_COUNT);
    }
}
