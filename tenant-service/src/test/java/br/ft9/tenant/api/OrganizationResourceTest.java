package br.ft9.tenant.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Opening organisations through the API, with the real PostgreSQL and Kafka behind it. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
class OrganizationResourceTest {

    private static String uniqueSlug() {
        return "clinica-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static long count(String sql, Object value) {
        Pool pool = Arc.container().instance(Pool.class).get();
        return pool.preparedQuery(sql).execute(Tuple.of(value)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void platform_staff_open_an_organisation_and_its_creation_reaches_kafka_as_a_cloud_event() {
        String slug = uniqueSlug();
        try (KafkaProbe probe = KafkaProbe.tail("ft9.tenant.events")) {
            String id = given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Clínica Sorriso", "slug", slug))
                    .when().post("/api/organizations")
                    .then().statusCode(201)
                    .header("Location", containsString("/api/organizations/"))
                    .body("slug", equalTo(slug))
                    .body("timeZone", equalTo("America/Sao_Paulo"))
                    .body("locale", equalTo("pt-BR"))
                    .body("status", equalTo("ACTIVE"))
                    .extract().path("id");

            ConsumerRecord<String, String> record = probe.awaitRecord(r -> id.equals(r.key()), Duration.ofSeconds(15));
            Map<String, String> ce = KafkaProbe.cloudEvent(record);
            assertThat(ce).containsEntry("type", "ft9.tenant.organization.created.v1")
                    .containsEntry("source", "tenant-service")
                    .containsEntry("subject", id)
                    .containsEntry("specversion", "1.0");
            assertThat(record.value()).contains("\"slug\":\"" + slug + "\"").contains("\"orgId\":\"" + id + "\"");
            // The relay marks the row published once Kafka acknowledged it, which can be just after a consumer sees it.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(count(
                    "select count(*) from event_outbox where org_id = $1 and type = 'ft9.tenant.organization.created.v1'"
                            + " and published_at is not null", UUID.fromString(id))).isEqualTo(1));
        }
    }

    @Test
    void a_taken_slug_is_refused_with_409_naming_the_slug_and_nothing_is_written() {
        String slug = uniqueSlug();
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Escola Aurora", "slug", slug))
                .when().post("/api/organizations").then().statusCode(201);

        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Outra Escola", "slug", slug))
                .when().post("/api/organizations")
                .then().statusCode(409).contentType("application/problem+json")
                .body("field", equalTo("slug"))
                .body("detail", equalTo("an organisation with slug '" + slug + "' already exists"));

        assertThat(count("select count(*) from organization where slug = $1", slug)).isEqualTo(1);
        assertThat(count("select count(*) from event_outbox where payload like '%' || $1 || '%'", slug)).isEqualTo(1);
    }

    @Test
    void an_unknown_time_zone_is_refused_with_400_naming_the_field_and_nothing_is_written() {
        String slug = uniqueSlug();
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Clínica Lua", "slug", slug, "timeZone", "Mars/Olympus"))
                .when().post("/api/organizations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("timeZone"));

        assertThat(count("select count(*) from organization where slug = $1", slug)).isZero();
        assertThat(count("select count(*) from event_outbox where payload like '%' || $1 || '%'", slug)).isZero();
    }

    @Test
    void a_missing_name_is_refused_with_400_listing_the_violation() {
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("slug", uniqueSlug()))
                .when().post("/api/organizations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("name"));
    }

    @Test
    void malformed_json_is_refused_with_400_problem() {
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body("{\"name\": \"Clínica\", \"slug\": ")
                .when().post("/api/organizations")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void an_organisation_admin_may_not_open_organisations() {
        given().auth().oauth2(TestTokens.member(UUID.randomUUID(), "ORG_ADMIN")).contentType(ContentType.JSON)
                .body(Map.of("name", "Clínica Sol", "slug", uniqueSlug()))
                .when().post("/api/organizations")
                .then().statusCode(403);
    }

    @Test
    void a_request_without_a_token_is_refused_with_401() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Clínica Sol", "slug", uniqueSlug()))
                .when().post("/api/organizations")
                .then().statusCode(401);
    }

    @Test
    void a_token_signed_by_someone_else_is_refused_with_401() {
        given().auth().oauth2(TestTokens.forgedSuperAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Clínica Sol", "slug", uniqueSlug()))
                .when().post("/api/organizations")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
