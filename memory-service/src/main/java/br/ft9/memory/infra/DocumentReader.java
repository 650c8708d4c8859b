package br.ft9.memory.infra;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The entry point of the short-lived process that reads one document for {@link IsolatedDocumentText}: the file's
 * name as the argument, its bytes on standard input; on standard output a first line ({@code TEXT} or
 * {@code UNREADABLE}) and then the text or the reason.
 */
public final class DocumentReader {

    static final String TEXT = "TEXT";
    static final String UNREADABLE = "UNREADABLE";

    private DocumentReader() {
    }

    public static void main(String[] args) throws Exception {
        OutputStream out = System.out;
        // Whatever a parser prints must not mix with the answer.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        byte[] bytes = System.in.readAllBytes();
        String answer;
        int status;
        try {
            answer = TEXT + "\n" + new DocumentText().read(args[0], bytes);
            status = 0;
        } catch (DocumentText.Unreadable e) {
            answer = UNREADABLE + "\n" + e.getMessage();
            status = 2;
        }
        out.write(answer.getBytes(StandardCharsets.UTF_8));
        out.flush();
        System.exit(status);
    }
}
