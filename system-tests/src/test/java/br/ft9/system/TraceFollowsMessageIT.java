package br.ft9.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import br.ft9.common.security.HmacSignature;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.restassured.http.ContentType;

/**
 * With tracing on (as in Kubernetes), one trace follows a patient's message: Meta's webhook call at the gateway, the
 * {@code message.received} record on Kafka (through the gateway's outbox), memory-service's answer as a send command
 * on Kafka (through its outbox), and the gateway's call to the Graph API that delivers the reply all carry the trace
 * id the webhook came in with; the spans reach the OTLP collector (a stub here), and the metrics the dashboard reads
 * count the message.
 */
class TraceFollowsMessageIT {

    private static final String APP_SECRET = "it-app-secret-" + UUID.randomUUID();
    private static final WireMockServer STUBS = new WireMockServer(wireMockConfig().dynamicPort());
    private static ServiceProcess tenant;
    private static ServiceProcess gateway;
    private static ServiceProcess memory;

    @BeforeAll
    static void startServices() {
        assertThat(RealInfrastructure.missing(System.getenv())).as("servers the services need").isEmpty();
        STUBS.start();
        STUBS.stubFor(post(urlPathMatching("/v[0-9.]+/[0-9]+/messages")).willReturn(okJson("""
                {"messaging_product": "whatsapp", "contacts": [{"input": "5581955550001", "wa_id": "5581955550001"}],
                 "messages": [{"id": "wamid.HBgNNTU4MTk1NTU1MDAwMRUCABEYEjE4QkQ5"}]}""")));
        STUBS.stubFor(post(urlPathMatching(".*/v1/traces")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-protobuf")));
        Map<String, String> tracing = Map.of("OTEL_SDK_DISABLED", "false", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_EXPORTER_OTLP_ENDPOINT", STUBS.baseUrl());
        tenant = ServiceProcess.launch("tenant-service", tracing);
        gateway = ServiceProcess.launch("whatsapp-gateway", with(tracing, Map.of("WHATSAPP_APP_SECRET", APP_SECRET,
                "WHATSAPP_GRAPH_BASE_URL", STUBS.baseUrl(),
                "MP_MESSAGING_INCOMING_OUTBOUND_COMMANDS_GROUP_ID", "it-gateway-outbound-" + UUID.randomUUID(),
                "MP_MESSAGING_INCOMING_OUTBOUND_COMMANDS_AUTO_OFFSET_RESET", "latest")));
        memory = ServiceProcess.launch("memory-service", with(tracing, Map.of(
                "MP_MESSAGING_INCOMING_INBOUND_MESSAGES_GROUP_ID", "it-memory-" + UUID.randomUUID(),
                "MP_MESSAGING_INCOMING_INBOUND_MESSAGES_AUTO_OFFSET_RESET", "latest")));
        ServiceProcess.awaitReady(tenant, gateway, memory);
    }

    private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new java.util.HashMap<>(a);
        all.putAll(b);
        return all;
    }

    @AfterAll
    static void stopServices() {
        ServiceProcess.closeAll(memory, gateway, tenant);
        STUBS.stop();
    }

    private static String traceIdOf(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent header of a record on " + record.topic()).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8).split("-")[1];
    }

    @Test
    void one_trace_follows_a_message_from_the_webhook_through_kafka_to_the_reply_sent_to_meta_and_the_metrics_count_it() throws Exception {
        String orgId = given().baseUri(tenant.uri("").toString()).auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Clínica Rastro", "slug", "rastro-" + UUID.randomUUID().toString().substring(0, 8)))
                .when().post("/api/organizations").then().statusCode(201).extract().path("id");
        String admin = TestTokens.member(UUID.fromString(orgId), "ORG_ADMIN");
        String phoneNumberId = String.valueOf(100_000_000_000_000L + ThreadLocalRandom.current().nextLong(800_000_000_000_000L));
        given().baseUri(tenant.uri("").toString()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("phoneNumberId", phoneNumberId, "displayPhoneNumber", "+55 81 3222-0000",
                        "wabaId", "102290129340398", "accessToken", "EAAG-trace-test-token-0001"))
                .when().post("/api/organizations/me/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> orgId.equals(Database.value("gateway",
                "select org_id::text from channel where phone_number_id = ?", phoneNumberId)));
        given().baseUri(memory.uri("").toString()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("kind", "FAQ", "question", "Qual o horário de atendimento da clínica?",
                        "answer", "Atendemos de segunda a sexta, das 8h às 18h, e aos sábados das 8h às 12h."))
                .when().post("/api/knowledge/items").then().statusCode(201);

        String traceId = UUID.randomUUID().toString().replace("-", "");
        String waId = "55819" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"558132220000","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Rita Rastro"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"wamid.trace%s","timestamp":"%d","type":"text","text":{"body":"Qual o horário de atendimento?"}}]}}]}]}"""
                .formatted(phoneNumberId, waId, waId, UUID.randomUUID().toString().replace("-", ""), System.currentTimeMillis() / 1000);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (KafkaProbe inbound = KafkaProbe.tail("ft9.whatsapp.inbound"); KafkaProbe outbound = KafkaProbe.tail("ft9.whatsapp.outbound")) {
            given().baseUri(gateway.uri("").toString()).contentType("application/json")
                    .header("X-Hub-Signature-256", new HmacSignature(APP_SECRET).sign(bytes))
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").body(bytes)
                    .when().post("/webhooks/whatsapp").then().statusCode(200);

            ConsumerRecord<String, String> received = inbound.awaitRecord(r -> r.value().contains(waId)
                    && r.value().contains("Qual o horário"), Duration.ofSeconds(30));
            assertThat(traceIdOf(received)).as("the message.received event's trace").isEqualTo(traceId);
            ConsumerRecord<String, String> answer = outbound.awaitRecord(r -> r.value().contains(waId), Duration.ofSeconds(60));
            assertThat(answer.value()).contains("segunda a sexta");
            assertThat(traceIdOf(answer)).as("memory-service's send command's trace").isEqualTo(traceId);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> STUBS.verify(postRequestedFor(urlPathMatching("/v[0-9.]+/"
                + phoneNumberId + "/messages")).withHeader("traceparent", matching("00-" + traceId + "-[0-9a-f]{16}-01"))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(STUBS.findAll(postRequestedFor(urlPathMatching(".*/v1/traces"))))
                .as("spans exported to the collector").isNotEmpty());

        // The series the Grafana dashboard and the alert rules (deploy/k8s/base/observability) read, tagged by service.
        String memoryMetrics = given().baseUri(memory.uri("").toString()).when().get("/q/metrics").then().statusCode(200)
                .extract().asString();
        assertThat(memoryMetrics).containsPattern("ft9_memory_answers_seconds_bucket\\{[^}]*outcome=\"answered\"[^}]*service=\"memory-service\"");
        String gatewayMetrics = given().baseUri(gateway.uri("").toString()).when().get("/q/metrics").then().statusCode(200)
                .extract().asString();
        assertThat(gatewayMetrics).containsPattern("ft9_whatsapp_outbound_messages_total\\{[^}]*service=\"whatsapp-gateway\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*service=\"whatsapp-gateway\"[^}]*status=\"200\"[^}]*uri=\"/webhooks/whatsapp\"");
    }
}
