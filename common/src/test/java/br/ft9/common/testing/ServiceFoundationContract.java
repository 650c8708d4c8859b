package br.ft9.common.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * What every FT9 service promises on its own: it migrated its own schema and no other, cannot read
 * another service's schema, and serves health (really checking its servers), metrics and OpenAPI.
 * Each service's test extends this with {@code @QuarkusTest}.
 */
public abstract class ServiceFoundationContract {

    static final List<String> SCHEMAS = List.of("auth", "tenant", "billing", "memory", "flow", "gateway");

    /** The service's own PostgreSQL schema. */
    protected abstract String schema();

    protected Pool pool() {
        return Arc.container().instance(Pool.class).get();
    }

    @Test
    void readiness_reports_up_after_really_checking_postgresql_kafka_and_redis() {
        // A service may stay not ready while it warms up (memory-service loads its model and dictionary first).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 200);
        JsonPath health = given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .extract().jsonPath();
        List<Map<String, Object>> checks = health.getList("checks");
        String names = checks.stream().map(c -> String.valueOf(c.get("name")).toLowerCase()).toList().toString();
        assertThat(names).contains("postgresql").contains("kafka").contains("redis");
        assertThat(checks).allSatisfy(c -> assertThat(c.get("status")).isEqualTo("UP"));
    }

    @Test
    void liveness_answers_up() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void flyway_migrated_the_services_own_schema_and_queries_run_in_it() {
        Row row = pool().query("select current_schema() as s, "
                + "(select count(*) from flyway_schema_history where success) as applied").execute()
                .await().indefinitely().iterator().next();
        assertThat(row.getString("s")).isEqualTo(schema());
        assertThat(row.getLong("applied")).isPositive();
    }

    @Test
    void another_services_schema_cannot_be_read() {
        String other = SCHEMAS.stream().filter(s -> !s.equals(schema())).findFirst().orElseThrow();
        assertThatThrownBy(() -> pool().query("select count(*) from " + other + ".flyway_schema_history")
                .execute().await().indefinitely())
                .hasMessageContaining("permission denied");
    }

    @Test
    void prometheus_metrics_are_served() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openapi_document_is_published() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("openapi", containsString("3."));
    }
}
