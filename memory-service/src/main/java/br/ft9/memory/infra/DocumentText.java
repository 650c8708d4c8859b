package br.ft9.memory.infra;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.Locale;
import java.util.Map;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.html.JSoupParser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.sax.BodyContentHandler;

import br.ft9.memory.domain.Documents;

/**
 * The text of an uploaded document (plain text, Markdown, HTML, PDF, DOCX) through Apache Tika, each kind by its own
 * parser after checking the content is of that kind and, for archives, that it does not unpack beyond reason. Blocking
 * and CPU-heavy: callers run it on the bounded document worker.
 */
public final class DocumentText {

    /** The file kinds accepted, by extension. */
    public static final Map<String, String> KINDS = Documents.KINDS;

    /** A file whose text could not be read, with the reason in words a person understands. */
    public static class Unreadable extends Documents.Unreadable {
        public Unreadable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** The most text one document may give. */
    static final int MAX_CHARS = 5_000_000;
    /** What a .docx may unpack to at most, whatever its size: a few pages of text unpack to well under a megabyte. */
    static final long MAX_UNPACKED = 40L * 1024 * 1024;
    /** How many times its own size a .docx may unpack to: text compresses about tenfold, a bomb a thousandfold. */
    static final long MAX_RATIO = 100;
    static final int MAX_ENTRIES = 2_000;

    /** Whether the kind is plain text (read as it is) rather than a format a parser has to take apart. */
    static boolean plain(String kind) {
        return switch (kind) {
            case "txt", "md", "markdown" -> true;
            default -> false;
        };
    }

    public static String extension(String filename) {
        return Documents.extension(filename);
    }

    /**
     * The file's text, read by the parser its declared kind names (never guessed from the content: a ".pdf" that is a
     * ZIP or an e-mail is refused), after checking that the content is of that kind and, for a .docx, that it does not
     * unpack beyond reason.
     */
    public String read(String filename, byte[] bytes) {
        String kind = extension(filename);
        Parser parser;
        ParseContext context = new ParseContext();
        if (plain(kind)) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
        switch (kind) {
            case "html", "htm" -> parser = new JSoupParser();
            case "pdf" -> {
                if (!startsWithWithin(bytes, "%PDF-", 1024)) {
                    throw new Unreadable("the file is not a PDF (its content is of another kind)", null);
                }
                parser = new PDFParser();
            }
            case "docx" -> {
                checkDocx(bytes);
                OfficeParserConfig office = new OfficeParserConfig();
                office.setUseSAXDocxExtractor(true); // streams the XML instead of building the whole document in memory
                context.set(OfficeParserConfig.class, office);
                parser = new OOXMLParser();
            }
            default -> throw new Unreadable("files of kind ." + kind + " are not read", null);
        }
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        if (parser instanceof JSoupParser) {
            // Without a declared charset a short page is guessed wrong (Thai for "Olá"); the web's default is UTF-8.
            metadata.set(Metadata.CONTENT_TYPE, "text/html; charset=UTF-8");
        }
        BodyContentHandler text = new BodyContentHandler(MAX_CHARS);
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            parser.parse(in, text, metadata, context);
        } catch (Unreadable e) {
            throw e;
        } catch (Exception e) {
            throw new Unreadable("the file could not be read as " + kind.toUpperCase(Locale.ROOT) + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        String content = text.toString().replaceAll("[ \\t\\x0B\\f]+", " ").replaceAll("\\n\\s*\\n\\s*\\n+", "\n\n").strip();
        if (content.isEmpty()) {
            throw new Unreadable("no text was found in the file", null);
        }
        return content;
    }

    /**
     * A .docx is a ZIP holding a Word document; its entries are unpacked here, counting the bytes they really give (the
     * sizes an archive declares can lie), and refused past {@link #MAX_UNPACKED} or {@link #MAX_RATIO} times the file.
     */
    static void checkDocx(byte[] bytes) {
        if (!startsWithWithin(bytes, "PK\u0003\u0004", 0)) {
            throw new Unreadable("the file is not a Word document (.docx): its content is of another kind", null);
        }
        long limit = Math.min(MAX_UNPACKED, Math.max(1, bytes.length) * MAX_RATIO);
        long unpacked = 0;
        int entries = 0;
        boolean contentTypes = false;
        boolean document = false;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new Unreadable("the file holds more than " + MAX_ENTRIES + " parts; a Word document holds a few dozen", null);
                }
                contentTypes |= "[Content_Types].xml".equals(entry.getName());
                document |= "word/document.xml".equals(entry.getName());
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    unpacked += n;
                    if (unpacked > limit) {
                        throw new Unreadable("the file unpacks to more than " + (limit / (1024 * 1024)) + " MB; a document of that "
                                + "size is not read (an archive that expands like this is a way to exhaust the service)", null);
                    }
                }
            }
        } catch (Unreadable e) {
            throw e;
        } catch (Exception e) {
            throw new Unreadable("the file is not a readable Word document (.docx): " + e.getMessage(), e);
        }
        if (!contentTypes || !document) {
            throw new Unreadable("the file is a ZIP archive but not a Word document (.docx)", null);
        }
    }

    private static boolean startsWithWithin(byte[] bytes, String magic, int within) {
        byte[] m = magic.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int at = 0; at <= within && at + m.length <= bytes.length; at++) {
            if (java.util.Arrays.equals(bytes, at, at + m.length, m, 0, m.length)) {
                return true;
            }
        }
        return false;
    }
}
