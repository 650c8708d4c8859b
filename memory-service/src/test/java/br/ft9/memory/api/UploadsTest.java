package br.ft9.memory.api;

import static br.ft9.memory.support.Knowledge.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.memory.support.Knowledge;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Documents uploaded as files: each kind parsed, chunked, embedded and searchable; bad files refused or failed with nothing indexed. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
class UploadsTest {

    private static final String CONTENT = "Política de cancelamento. Consultas podem ser desmarcadas sem custo até 24 horas antes. "
            + "Depois disso cobramos uma taxa de 50 reais, exceto em caso de atestado médico.";

    static byte[] file(String kind) throws IOException {
        return switch (kind) {
            case "txt" -> CONTENT.getBytes(StandardCharsets.UTF_8);
            case "md" -> ("# Cancelamentos\n\n" + CONTENT).getBytes(StandardCharsets.UTF_8);
            case "html" -> ("<html><head><title>Cancelamentos</title></head><body><h1>Regras</h1><p>" + CONTENT
                    + "</p><script>var x = 'nao indexar';</script></body></html>").getBytes(StandardCharsets.UTF_8);
            case "pdf" -> pdf();
            case "docx" -> docx();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static byte[] pdf() throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                text.newLineAtOffset(50, 700);
                text.showText("Politica de cancelamento. Consultas podem ser desmarcadas sem custo ate 24 horas antes.");
                text.newLineAtOffset(0, -15);
                text.showText("Depois disso cobramos uma taxa de 50 reais, exceto em caso de atestado medico.");
                text.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] docx() throws IOException {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText("Cancelamentos");
            document.createParagraph().createRun().setText(CONTENT);
            document.write(out);
            return out.toByteArray();
        }
    }

    private static JsonPath upload(UUID orgId, String filename, byte[] bytes, int status) {
        return given().auth().oauth2(TestTokens.member(orgId, "ORG_MANAGER"))
                .multiPart("file", filename, bytes).multiPart("title", "Cancelamentos").multiPart("tags", "regras, consultas")
                .when().post("/api/knowledge/items/upload").then().statusCode(status).extract().jsonPath();
    }

    private static JsonPath awaitJob(UUID orgId, String jobId) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> as(orgId, "ORG_AGENT").when().get("/api/knowledge/jobs/{id}", jobId).then().statusCode(200)
                        .extract().jsonPath(), job -> !"QUEUED".equals(job.getString("status")) && !"RUNNING".equals(job.getString("status")));
    }

    @ParameterizedTest(name = "a .{0} document is parsed, chunked, embedded and found")
    @CsvSource({ "txt", "md", "html", "pdf", "docx" })
    void every_supported_document_kind_becomes_searchable_knowledge(String kind) throws IOException {
        UUID clinic = UUID.randomUUID();
        JsonPath accepted = upload(clinic, "cancelamento." + kind, file(kind), 202);
        assertThat(accepted.getString("item.status")).isEqualTo("PROCESSING");
        assertThat(accepted.getList("item.tags")).containsExactly("regras", "consultas");

        JsonPath job = awaitJob(clinic, accepted.getString("job.id"));
        assertThat(job.getString("status")).isEqualTo("DONE");
        assertThat(job.getInt("chunksDone")).isEqualTo(job.getInt("chunksTotal")).isPositive();

        String itemId = accepted.getString("item.id");
        as(clinic, "ORG_AGENT").when().get("/api/knowledge/items/{id}", itemId).then().statusCode(200)
                .body("status", equalTo("READY")).body("kind", equalTo("DOCUMENT")).body("filename", equalTo("cancelamento." + kind));
        as(clinic, "ORG_AGENT").body("{\"query\":\"taxa para desmarcar consulta\"}").when().post("/api/knowledge/search").then()
                .statusCode(200).body("items[0].itemId", equalTo(itemId)).body("items[0].text", containsString("24 horas"));
        if ("html".equals(kind)) {
            assertThat(Knowledge.row("select string_agg(text, ' ') from knowledge_chunk where item_id = $1", UUID.fromString(itemId))
                    .getString(0)).doesNotContain("nao indexar");
        }
    }

    @Test
    void a_corrupt_document_fails_with_the_reason_and_nothing_is_indexed() {
        UUID clinic = UUID.randomUUID();
        byte[] corrupt = "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage that is not a PDF body".getBytes(StandardCharsets.UTF_8);
        JsonPath accepted = upload(clinic, "laudo.pdf", corrupt, 202);

        JsonPath job = awaitJob(clinic, accepted.getString("job.id"));
        assertThat(job.getString("status")).isEqualTo("FAILED");
        assertThat(job.getString("reason")).startsWith("the file could not be read as PDF");
        as(clinic, "ORG_AGENT").when().get("/api/knowledge/items/{id}", accepted.getString("item.id")).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("statusReason", containsString("PDF"));
        assertThat(Knowledge.row("select count(*) from knowledge_chunk where org_id = $1", clinic).getLong(0)).isZero();
        assertThat(Knowledge.row("select count(*) from ingestion_job where org_id = $1 and content is not null", clinic).getLong(0))
                .as("the upload is not kept").isZero();
    }

    @Test
    void a_docx_that_unpacks_to_hundreds_of_megabytes_fails_with_the_reason_and_the_service_stays_ready() throws IOException {
        UUID clinic = UUID.randomUUID();
        byte[] bomb = br.ft9.common.testing.HostileFiles.docxBomb(150); // unpacks to 150 MB (the one that broke the service: 1.4 MB to 416 MB)
        assertThat(bomb.length).isLessThan(200_000);
        JsonPath first = upload(clinic, "regras.docx", bomb, 202);
        JsonPath second = upload(clinic, "regras-2.docx", bomb, 202);

        for (JsonPath accepted : List.of(first, second)) {
            JsonPath job = awaitJob(clinic, accepted.getString("job.id"));
            assertThat(job.getString("status")).isEqualTo("FAILED");
            assertThat(job.getString("reason")).startsWith("the file unpacks to more than");
        }
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void the_declared_kind_decides_the_parser_and_content_of_another_kind_is_refused() throws IOException {
        UUID clinic = UUID.randomUUID();
        JsonPath zipAsPdf = upload(clinic, "laudo.pdf", docx(), 202);
        JsonPath mailAsPdf = upload(clinic, "exame.pdf", ("From: a@b.test\r\nSubject: exame\r\n\r\nresultado").getBytes(StandardCharsets.UTF_8), 202);
        JsonPath zipAsDocx = upload(clinic, "fotos.docx", zipOf("foto.jpg"), 202);

        assertThat(awaitJob(clinic, zipAsPdf.getString("job.id")).getString("reason")).startsWith("the file is not a PDF");
        assertThat(awaitJob(clinic, mailAsPdf.getString("job.id")).getString("reason")).startsWith("the file is not a PDF");
        assertThat(awaitJob(clinic, zipAsDocx.getString("job.id")).getString("reason"))
                .isEqualTo("the file is a ZIP archive but not a Word document (.docx)");
    }

    private static byte[] zipOf(String entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(entry));
            zip.write(new byte[] { 1, 2, 3 });
        }
        return out.toByteArray();
    }

    @Test
    void an_organisation_that_used_its_hourly_document_budget_waits_and_the_others_do_not() {
        UUID clinic = UUID.randomUUID();
        byte[] pages = ("Política de cancelamento da clínica. ".repeat(400)).getBytes(StandardCharsets.UTF_8); // ~15,000 characters
        assertThat(awaitJob(clinic, upload(clinic, "politica.txt", pages, 202).getString("job.id")).getString("status")).isEqualTo("DONE");
        assertThat(awaitJob(clinic, upload(clinic, "politica-2.txt", pages, 202).getString("job.id")).getString("status"))
                .as("under the budget when it came").isEqualTo("DONE");

        given().auth().oauth2(TestTokens.member(clinic, "ORG_MANAGER")).multiPart("file", "politica-3.txt", pages)
                .when().post("/api/knowledge/items/upload").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue()).body("detail", containsString("budget is 20000"));
        assertThat(Knowledge.row("select count(*) from knowledge_item where org_id = $1", clinic).getLong(0))
                .as("nothing written for the refused upload").isEqualTo(2);
        UUID other = UUID.randomUUID();
        upload(other, "politica.txt", pages, 202);
    }

    @Test
    void an_oversized_empty_or_unsupported_upload_is_refused_with_a_problem_and_nothing_is_stored() {
        UUID clinic = UUID.randomUUID();
        byte[] big = new byte[200_001];
        java.util.Arrays.fill(big, (byte) 'a');
        given().auth().oauth2(TestTokens.member(clinic, "ORG_ADMIN")).multiPart("file", "enorme.txt", big)
                .when().post("/api/knowledge/items/upload").then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("limit"));
        given().auth().oauth2(TestTokens.member(clinic, "ORG_ADMIN")).multiPart("file", "vazio.txt", new byte[0])
                .when().post("/api/knowledge/items/upload").then().statusCode(400).body(containsString("empty"));
        given().auth().oauth2(TestTokens.member(clinic, "ORG_ADMIN")).multiPart("file", "planilha.xlsx", new byte[] { 1, 2, 3 })
                .when().post("/api/knowledge/items/upload").then().statusCode(400).body(containsString(".pdf"));
        given().auth().oauth2(TestTokens.member(clinic, "ORG_AGENT")).multiPart("file", "a.txt", "x".getBytes())
                .when().post("/api/knowledge/items/upload").then().statusCode(403);
        assertThat(Knowledge.row("select count(*) from knowledge_item where org_id = $1", clinic).getLong(0)).isZero();
    }
}
