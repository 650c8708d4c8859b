package br.ft9.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.http.ContentType;

/**
 * The first run as a newcomer meets it: a fresh clone of the repository in a temporary folder and a Maven local
 * repository that holds no FT9 artifact (the third-party ones are copied from the build's, so nothing is downloaded
 * twice). The README's {@code up.sh} must build and start the suite and seed the demo, {@code down.sh} must leave no
 * process behind; a {@code local.env} from another setup against the same database must stop {@code up.sh} with the
 * command that resets the local state, and after that reset {@code up.sh} starts a new, consistent local state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshCloneIT {

    private static final Path ROOT = Path.of(System.getProperty("ft9.root", "..")).toAbsolutePath().normalize();
    private static final String DATABASE = "ft9_fresh_clone_it";
    private static final String AUTH = "http://127.0.0.1:8081";
    private static final String DEMO_CLINICS = "select count(*) from tenant.organization where name = 'Clínica Sorriso Recife'";
    private static Path work;
    private static Path clone;
    private static Path mavenRepository;

    private static Map.Entry<Integer, String> run(Path directory, long seconds, Map<String, String> env, String... command)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("PG_DB", DATABASE);
        builder.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + mavenRepository);
        builder.environment().remove("FT9_RUN");
        builder.environment().remove("FT9_SKIP_BUILD");
        builder.environment().putAll(env);
        Process process = builder.start();
        java.util.concurrent.CompletableFuture<byte[]> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String text = new String(output.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        System.out.println("$ " + String.join(" ", command) + "\n" + text);
        assertThat(finished).as(String.join(" ", command) + " finished within " + seconds + " s").isTrue();
        return Map.entry(process.exitValue(), text);
    }

    private static Map.Entry<Integer, String> script(String name, long seconds, Map<String, String> env, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "deploy/local/" + name));
        command.addAll(List.of(args));
        return run(clone, seconds, env, command.toArray(String[]::new));
    }

    /** One value from PostgreSQL as its administrator (the scripts' own pg_admin). */
    private static String sql(String database, String query) throws Exception {
        Map.Entry<Integer, String> result = run(ROOT, 60, Map.of(), "bash", "-c", ". \"$0\" && pg_admin -d " + database
                + " -Atc \"$1\" </dev/null", ROOT.resolve("deploy/local/lib.sh").toString(), query);
        assertThat(result.getKey()).as(result.getValue()).isZero();
        return result.getValue().strip();
    }

    private static long demoClinics() throws Exception {
        return Long.parseLong(sql(DATABASE, DEMO_CLINICS));
    }

    private static boolean databaseExists() throws Exception {
        return "1".equals(sql("postgres", "select count(*) from pg_database where datname = '" + DATABASE + "'"));
    }

    private static boolean portOpen(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> localEnv() throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(clone.resolve("deploy/local/local.env"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    private static int signIn(String email, String password) {
        return given().baseUri(AUTH).contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/api/auth/login").then().extract().statusCode();
    }

    /** Processes started from the clone (its jars, its scripts): none may be left after down.sh. */
    private static List<String> processesOfTheClone() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(clone.toString())).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }

    @BeforeAll
    static void cloneTheRepositoryAndAMavenRepositoryWithoutFt9() throws Exception {
        work = Files.createTempDirectory("ft9-fresh-clone");
        clone = work.resolve("ft9");
        mavenRepository = work.resolve("m2");
        Path here = work;
        assertThat(run(here, 120, Map.of(), "git", "clone", "--quiet", "--no-hardlinks", ROOT.toString(), clone.toString()).getKey())
                .isZero();
        // What the working tree changes against its last commit comes along, so the test runs the code it sits beside.
        String changed = run(ROOT, 60, Map.of(), "git", "ls-files", "-m", "-o", "--exclude-standard").getValue();
        for (String file : changed.lines().filter(l -> !l.isBlank() && !l.startsWith("$ ")).toList()) {
            Path source = ROOT.resolve(file);
            if (Files.isRegularFile(source)) {
                Files.createDirectories(clone.resolve(file).getParent());
                Files.copy(source, clone.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(clone.resolve(file));
            }
        }
        Path local = Path.of(System.getProperty("ft9.maven.repository", System.getProperty("user.home") + "/.m2/repository"));
        assertThat(run(here, 300, Map.of(), "cp", "-a", local.toString(), mavenRepository.toString()).getKey()).isZero();
        assertThat(run(here, 60, Map.of(), "rm", "-rf", mavenRepository.resolve("br/ft9").toString()).getKey()).isZero();
        assertThat(mavenRepository.resolve("br/ft9")).doesNotExist();
        assertThat(clone.resolve("deploy/local/local.env")).doesNotExist();
        assertThat(run(here, 60, Map.of(), "bash", "-c", ". \"$0\" && pg_admin -d postgres -c 'drop database if exists " + DATABASE
                + " with (force)' </dev/null", clone.resolve("deploy/local/lib.sh").toString()).getKey()).isZero();
    }

    @AfterAll
    static void stopAndRemoveTheClone() throws Exception {
        if (clone != null && Files.isDirectory(clone)) {
            script("down.sh", 120, Map.of());
        }
        if (work != null) {
            run(Path.of("/"), 120, Map.of(), "rm", "-rf", work.toString());
        }
        // The clone's local.env set the services' database roles' passwords (roles are the server's, not a database's):
        // the checkout's own local.env sets them back for the tests that follow.
        run(ROOT, 60, Map.of(), "bash", "-c", ". \"$0\" && ensure_local_env && ensure_database ft9_test >/dev/null",
                ROOT.resolve("deploy/local/lib.sh").toString());
    }

    @Test
    @Order(1)
    void up_sh_on_a_fresh_clone_builds_the_suite_starts_every_service_and_seeds_the_demo() throws Exception {
        Map.Entry<Integer, String> up = script("up.sh", 1200, Map.of());

        assertThat(up.getKey()).as(up.getValue()).isZero();
        assertThat(up.getValue()).contains("building the services").contains("demo clinic ready").contains("the suite is up");
        for (String service : List.of("console", "auth-service", "tenant-service", "billing-service", "memory-service", "flow-service",
                "whatsapp-gateway")) {
            assertThat(up.getValue()).contains("ready  " + service);
            assertThat(clone.resolve(service + "/target/quarkus-app/quarkus-run.jar")).exists();
        }
        assertThat(up.getValue().lines().filter(l -> l.startsWith("[ft9] ready")).findFirst().orElse(""))
                .as("the console's address comes first").contains("console  http://localhost:8080");
        assertThat(signIn("admin@ft9.com.br", "ft9demo")).isEqualTo(200);
        assertThat(signIn("root@ft9.com.br", localEnv().get("FT9_SUPERADMIN_PASSWORD"))).isEqualTo(200);
        assertThat(demoClinics()).isEqualTo(1);
        given().baseUri("http://127.0.0.1:8080").queryParam("token", "x").when().get("/invitations/accept").then().statusCode(200);
    }

    @Test
    @Order(2)
    void down_sh_leaves_no_process_of_the_suite_behind() throws Exception {
        Map.Entry<Integer, String> down = script("down.sh", 120, Map.of());

        assertThat(down.getKey()).as(down.getValue()).isZero();
        assertThat(processesOfTheClone()).isEmpty();
        for (int port = 8080; port <= 8086; port++) {
            int closed = port;
            assertThat(portOpen(closed)).as("port " + closed).isFalse();
        }
    }

    @Test
    @Order(3)
    void up_sh_with_a_local_env_of_another_setup_stops_and_names_the_reset_command_instead_of_opening_a_second_demo_clinic()
            throws Exception {
        Files.move(clone.resolve("deploy/local/local.env"), work.resolve("local.env.first"));

        Map.Entry<Integer, String> up = script("up.sh", 300, Map.of("FT9_SKIP_BUILD", "1"));

        assertThat(up.getKey()).isEqualTo(1);
        List<String> errors = up.getValue().lines().filter(l -> l.startsWith("[ft9] ERROR")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("come from different setups").contains("demo organisation")
                .endsWith("Reset the local state (drops database " + DATABASE + " and local.env) with: deploy/local/down.sh --reset");
        assertThat(processesOfTheClone()).isEmpty();
        assertThat(demoClinics()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void down_sh_reset_asks_first_then_drops_the_local_state_and_up_sh_starts_a_consistent_new_one() throws Exception {
        Map.Entry<Integer, String> unconfirmed = script("down.sh", 120, Map.of(), "--reset");
        assertThat(unconfirmed.getKey()).isEqualTo(1);
        assertThat(unconfirmed.getValue()).contains("add --yes");
        assertThat(databaseExists()).as("nothing is dropped without a yes").isTrue();

        Map.Entry<Integer, String> reset = script("down.sh", 120, Map.of(), "--reset", "--yes");
        assertThat(reset.getKey()).as(reset.getValue()).isZero();
        assertThat(databaseExists()).isFalse();
        assertThat(clone.resolve("deploy/local/local.env")).doesNotExist();

        Map.Entry<Integer, String> up = script("up.sh", 300, Map.of("FT9_SKIP_BUILD", "1"));
        assertThat(up.getKey()).as(up.getValue()).isZero();
        assertThat(signIn("root@ft9.com.br", localEnv().get("FT9_SUPERADMIN_PASSWORD"))).isEqualTo(200);
        assertThat(demoClinics()).isEqualTo(1);
        assertThat(script("down.sh", 120, Map.of()).getKey()).isZero();
        assertThat(processesOfTheClone()).isEmpty();
    }
}
