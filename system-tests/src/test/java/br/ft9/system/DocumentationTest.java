package br.ft9.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The README stays a first page, and every document it or docs/ links to is in the repository. */
class DocumentationTest {

    private static final Path ROOT = Path.of(System.getProperty("ft9.root", "..")).toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(documents::add);
        }
        return documents;
    }

    @Test
    void the_readme_is_a_first_page_of_at_most_about_fifteen_kilobytes() throws IOException {
        assertThat(Files.size(ROOT.resolve("README.md"))).isLessThanOrEqualTo(15 * 1024);
    }

    @Test
    void every_relative_link_in_the_readme_and_docs_names_a_file_of_the_repository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : documents()) {
            Matcher links = LINK.matcher(Files.readString(document));
            while (links.find()) {
                String target = links.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http(s) and mailto: not ours to check here
                }
                Path resolved = document.getParent().resolve(target).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(document) + " -> " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
        assertThat(documents()).extracting(p -> p.getFileName().toString()).contains("architecture.md", "api.md", "events.md",
                "operations.md", "kubernetes.md", "benchmarks.md", "testing.md");
    }

    @Test
    void nothing_points_at_the_design_that_used_to_live_outside_the_repository() throws IOException {
        for (Path document : documents()) {
            assertThat(Files.readString(document)).as(ROOT.relativize(document).toString()).doesNotContain("../shared/");
        }
    }
}
