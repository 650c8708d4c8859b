package br.ft9.flow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.flow.support.ThirdPartyStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/** A service whose consumer died says it is not ready, so that it is restarted instead of silently answering nothing. */
@QuarkusTest
@TestProfile(ConsumerDeathTest.OwnApplication.class)
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(ThirdPartyStubs.class)
class ConsumerDeathTest {

    /** An application of its own: this test kills one of its consumers. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Inject
    KafkaClientService kafka;

    @Test
    void a_consumer_that_died_makes_the_service_not_ready_naming_its_channel() {
        given().when().get("/q/health/ready").then().statusCode(200).body(containsString("Kafka consumers"));

        // What an error on the polling thread leaves behind: a consumer that takes nothing more from its topic.
        kafka.getConsumer("inbound").runOnPollingThread(consumer -> {
            consumer.close();
        }).await().atMost(Duration.ofSeconds(15));

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/q/health/ready").then()
                .statusCode(503).body(containsString("inbound")).body(containsString("does not answer")));
    }
}
