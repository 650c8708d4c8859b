package br.ft9.memory.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/** Documents are read in a process of their own that a crafted file can exhaust or stall without touching the service. */
class IsolatedDocumentTextTest {

    private static byte[] pdf(int pages, String line) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                    content.newLineAtOffset(50, 700);
                    for (int l = 0; l < 40; l++) {
                        content.showText(line + " " + p + "." + l);
                        content.newLineAtOffset(0, -14);
                    }
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    /** A one-page PDF whose content stream is a few hundred KB compressed and hundreds of MB once inflated. */
    private static byte[] inflatingPdf(long inflatedBytes) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            InputStream spaces = new InputStream() {
                long left = inflatedBytes;

                @Override
                public int read() {
                    return left-- > 0 ? ' ' : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = (int) Math.min(len, left);
                    java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                    left -= n;
                    return n;
                }
            };
            page.setContents(new PDStream(document, spaces, COSName.FLATE_DECODE));
            document.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void a_pdf_is_read_in_a_process_of_its_own_and_its_text_comes_back_whole() throws IOException {
        String text = new IsolatedDocumentText(Duration.ofSeconds(60), "256m").read("horarios.pdf", pdf(3, "Atendemos de segunda a sexta"));
        assertThat(text).contains("Atendemos de segunda a sexta 0.0").contains("Atendemos de segunda a sexta 2.39");
    }

    @Test
    void a_document_that_takes_longer_than_allowed_is_stopped_with_its_process_and_the_reason_is_told() throws IOException {
        byte[] long_ = pdf(400, "Preparo para o exame de sangue: jejum de oito horas");
        IsolatedDocumentText reader = new IsolatedDocumentText(Duration.ofMillis(400), "256m");
        long started = System.nanoTime();
        assertThatThrownBy(() -> reader.read("preparo.pdf", long_)).isInstanceOf(DocumentText.Unreadable.class)
                .hasMessageContaining("took longer than");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the parse was stopped, not waited for")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count())
                .as("no reader process is left behind").isZero();
    }

    @Test
    void a_pdf_whose_content_inflates_to_600_mb_is_read_by_a_reader_with_128_mb_and_found_empty() throws IOException {
        byte[] bomb = inflatingPdf(600L * 1024 * 1024);
        assertThat(bomb.length).as("small on the wire").isLessThan(2 * 1024 * 1024);
        assertThatThrownBy(() -> new IsolatedDocumentText(Duration.ofSeconds(60), "128m").read("bomba.pdf", bomb))
                .isInstanceOf(DocumentText.Unreadable.class).hasMessage("no text was found in the file");
    }

    @Test
    void a_reader_that_runs_out_of_its_memory_is_reported_as_such_and_the_service_goes_on() throws IOException {
        // An ordinary document, but a heap no parser can work in: the bound is the reader process's, not the service's.
        IsolatedDocumentText starved = new IsolatedDocumentText(Duration.ofSeconds(60), "6m");
        assertThatThrownBy(() -> starved.read("horarios.pdf", pdf(40, "Atendemos aos sábados")))
                .isInstanceOf(DocumentText.Unreadable.class).hasMessageContaining("more memory than a document may use (6m of heap)");
        assertThat(new IsolatedDocumentText(Duration.ofSeconds(60), "256m").read("horarios.pdf", pdf(1, "Atendemos aos sábados")))
                .contains("Atendemos aos sábados");
    }

    @Test
    void a_short_html_page_without_a_declared_charset_is_read_as_utf_8_and_one_that_declares_latin_1_as_latin_1() {
        IsolatedDocumentText reader = new IsolatedDocumentText(Duration.ofSeconds(60), "256m");
        assertThat(reader.read("aviso.html", "<html><body><p>Olá, vacinação às 9h</p></body></html>"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo("Olá, vacinação às 9h");
        assertThat(reader.read("aviso.html", "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Olá</p></body></html>"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).isEqualTo("Olá");
    }

    @Test
    void a_file_that_is_not_of_its_declared_kind_is_refused_by_the_reader_with_the_parsers_reason() {
        assertThatThrownBy(() -> new IsolatedDocumentText(Duration.ofSeconds(60), "256m").read("contrato.pdf",
                "PK\u0003\u0004 not a pdf".getBytes())).isInstanceOf(DocumentText.Unreadable.class)
                .hasMessageContaining("not a PDF");
    }
}
