package dev.ticketing.support.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootTest(classes = CallerIdTest.App.class)
@AutoConfigureMockMvc
class CallerIdTest {

    @Autowired
    MockMvc http;

    @Test
    void theCallerIsTheGatewaysUser() throws Exception {
        http.perform(get("/whoami").header(IdentityHeaders.USER_ID, "42"))
                .andExpect(status().isOk()).andExpect(content().string("42"));
    }

    @Test
    void noUserIsUnauthenticated() throws Exception {
        http.perform(get("/whoami"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        http.perform(get("/whoami").header(IdentityHeaders.USER_ID, ""))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-7", "abc", " 42", "42 ", "+42", "0x2A", "１", "4.2", "99999999999999999999"})
    void anythingButAPositiveWholeNumberIsAnInvalidRequest(String value) throws Exception {
        http.perform(get("/whoami").header(IdentityHeaders.USER_ID, value))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_REQUEST"))
                .andExpect(jsonPath("$.detail").value("X-User-Id must be a positive whole number"));
    }

    @Test
    void theOpenApiDocumentDoesNotAskClientsForTheCaller() throws Exception {
        http.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/whoami'].get").exists())
                .andExpect(jsonPath("$.paths['/whoami'].get.parameters").doesNotExist());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @Import(App.WhoAmI.class)
    static class App {

        @RestController
        static class WhoAmI {

            @GetMapping("/whoami")
            long whoAmI(@CallerId long userId) {
                return userId;
            }
        }
    }
}
