package br.ft9.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The browser talks to the console only; the console hands each API path to its service as it came, without buffering. */
@QuarkusTest
@WithTestResource(FakeServices.class)
class ApiProxyTest {

    @TestHTTPResource("/api/inbox/events")
    URI events;

    @Test
    void an_api_call_reaches_its_service_with_its_path_query_token_and_body() {
        given().auth().oauth2("a-token").queryParam("status", "open").queryParam("q", "Ana")
                .when().get("/api/conversations")
                .then().statusCode(200).body("path", equalTo("/api/conversations")).body("query", containsString("status=open"))
                .body("authorization", equalTo("Bearer a-token"));
        given().contentType("application/json").body("{\"email\":\"ana@clinica.com.br\"}")
                .when().post("/api/auth/password/forgot")
                .then().statusCode(200).body("method", equalTo("POST")).body("body.email", equalTo("ana@clinica.com.br"));
    }

    @Test
    void server_sent_events_reach_the_browser_as_they_are_written_not_when_the_stream_ends() throws Exception {
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(events)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        long started = System.nanoTime();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("id: 1");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the first event did not wait for the second")
                    .isLessThan(Duration.ofMillis(2000));
        }
    }

    @Test
    void the_service_decides_the_caching_of_its_answers_and_the_apps_page_is_asked_for_again() {
        given().when().get("/api/conversations").then().header("Cache-Control", org.hamcrest.Matchers.nullValue());
        given().when().get("/inbox").then().header("Cache-Control", "no-cache");
    }

    @Test
    void paths_that_are_not_the_apis_are_not_forwarded() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/apiary").then().statusCode(404);
    }
}
