package br.ft9.memory.infra;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import br.ft9.memory.domain.Documents;

/**
 * Reads a document's text in a process of its own, with a bounded heap and a deadline: a parser that a crafted file
 * sends into a loop or a memory blow-up is killed with its process, and memory-service (its Kafka consumers, the other
 * organisations' uploads) never feels it. Plain text and Markdown need no parser and are read here. Blocking: callers
 * run it on the document worker.
 */
@ApplicationScoped
public class IsolatedDocumentText implements Documents {

    /** The most a child may answer: the text cap of {@link DocumentText}, four bytes a character at worst. */
    private static final int MAX_ANSWER_BYTES = DocumentText.MAX_CHARS * 4 + 64;

    private final Duration timeout;
    private final String maxHeap;

    public IsolatedDocumentText(@ConfigProperty(name = "ft9.knowledge.document-read-timeout", defaultValue = "PT60S") Duration timeout,
            @ConfigProperty(name = "ft9.knowledge.document-read-memory", defaultValue = "256m") String maxHeap) {
        this.timeout = timeout;
        this.maxHeap = maxHeap;
    }

    /** The file's text, or {@link DocumentText.Unreadable} with the reason (including running out of time or memory). */
    @Override
    public String read(String filename, byte[] bytes) {
        String kind = DocumentText.extension(filename);
        if (DocumentText.plain(kind) || !DocumentText.KINDS.containsKey(kind)) {
            return new DocumentText().read(filename, bytes);
        }
        Process process;
        try {
            process = new ProcessBuilder(command(kind)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("the document reader process could not start", e);
        }
        AtomicBoolean outOfTime = new AtomicBoolean();
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (process.isAlive()) {
                outOfTime.set(true);
                process.destroyForcibly();
            }
        });
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(bytes);
            } catch (IOException e) {
                // The child died before taking everything (killed, or out of memory): its exit says why.
            }
            byte[] answer = readAtMost(process.getInputStream());
            int exit = process.waitFor();
            if (outOfTime.get()) {
                throw new DocumentText.Unreadable("reading the file took longer than " + timeout.toSeconds()
                        + " s, and a document may not take longer; split it or save it again as plain text", null);
            }
            String text = new String(answer, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            String head = newline < 0 ? "" : text.substring(0, newline);
            if (exit == 0 && DocumentReader.TEXT.equals(head)) {
                return text.substring(newline + 1);
            }
            if (exit == 2 && DocumentReader.UNREADABLE.equals(head)) {
                throw new DocumentText.Unreadable(text.substring(newline + 1), null);
            }
            throw new DocumentText.Unreadable("reading the file needed more memory than a document may use (" + maxHeap
                    + " of heap); a file made to exhaust memory is not read", null);
        } catch (IOException e) {
            throw new IllegalStateException("the document reader's answer could not be read", e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DocumentText.Unreadable("reading the file was interrupted", e);
        } finally {
            process.destroyForcibly();
        }
    }

    private List<String> command(String kind) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-Xss1m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ActiveProcessorCount=1",
                "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                "-cp", classPath(), DocumentReader.class.getName(), "document." + kind);
    }

    /**
     * The class path of this application: the JVM's own, except under Quarkus's fast-jar launcher, whose
     * {@code quarkus-run.jar} names only the boot libraries (the application's are in {@code lib/main} and {@code app}).
     */
    static String classPath() {
        String own = System.getProperty("java.class.path");
        if (own.endsWith("quarkus-run.jar")) {
            Path app = Path.of(own).toAbsolutePath().getParent();
            return String.join(File.pathSeparator, app.resolve("app").resolve("*").toString(),
                    app.resolve("lib").resolve("main").resolve("*").toString(), app.resolve("lib").resolve("boot").resolve("*").toString());
        }
        return own;
    }

    private static byte[] readAtMost(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (answer.size() + n > MAX_ANSWER_BYTES) {
                throw new DocumentText.Unreadable("the file's text is longer than a document may hold", null);
            }
            answer.write(buffer, 0, n);
        }
        return answer.toByteArray();
    }
}
