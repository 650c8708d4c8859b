package br.ft9.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The console forwards exactly the paths the Kubernetes ingress routes, to the same services. */
class ApiRoutesTest {

    private static final Pattern PATH_THEN_SERVICE = Pattern.compile("- path: (\\S+)\\s+pathType: Prefix\\s+backend:\\s+service:\\s+name: (\\S+)");

    @Test
    void the_consoles_path_table_is_the_ingresss() throws Exception {
        String ingress = Files.readString(Path.of("..", "deploy", "k8s", "base", "ingress.yaml"));
        Map<String, String> routed = new LinkedHashMap<>();
        Matcher matcher = PATH_THEN_SERVICE.matcher(ingress);
        while (matcher.find()) {
            if (!"/".equals(matcher.group(1))) { // the app host's root is the console itself
                routed.put(matcher.group(1), matcher.group(2));
            }
        }
        assertThat(routed).as("paths found in the ingress (a sanity floor)").hasSizeGreaterThanOrEqualTo(10);
        assertThat(ApiRoutes.TABLE).containsExactlyInAnyOrderEntriesOf(routed);
    }
}
