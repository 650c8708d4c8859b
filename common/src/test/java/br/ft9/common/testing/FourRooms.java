package br.ft9.common.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The four rooms every service keeps ({@code api}, {@code domain}, {@code events}, {@code infra}), as ArchUnit rules a
 * service's test checks against its own classes: the domain holds rules and use cases, not storage or third parties;
 * no service reaches into another's code. {@code debt} names domain classes not moved yet, so the rules guard every
 * other class meanwhile and the list can only shrink.
 */
public abstract class FourRooms {

    /** The services' package roots: none may import another's. */
    private static final List<String> SERVICES = List.of("auth", "tenant", "billing", "memory", "flow", "gateway");

    private final String service;
    private final JavaClasses classes;
    private final DescribedPredicate<JavaClass> owed;
    private final Set<String> debt;

    protected FourRooms(String service, Set<String> debt) {
        this.service = service;
        this.debt = Set.copyOf(debt);
        // The service's own classes only; what they use is known by name, which is all the rules read.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        this.classes = new ClassFileImporter().importPath(Path.of("target", "classes"));
        this.owed = DescribedPredicate.describe("in the debt list (" + debt.size() + ")",
                c -> debt.contains(c.getSimpleName()) || debt.contains(c.getName().replaceAll("\\$.*", "").replaceAll(".*\\.", "")));
    }

    private String domain() {
        return "br.ft9." + service + ".domain..";
    }

    /** The domain does not know its own service's infra, api or event adapters' wiring. */
    @Test
    void the_domain_imports_neither_infra_nor_api() {
        noClasses().that().resideInAPackage(domain()).and(DescribedPredicate.not(owed))
                .should().dependOnClassesThat().resideInAnyPackage("br.ft9." + service + ".infra..", "br.ft9." + service + ".api..")
                .because("the domain holds rules and use cases; storage and outside clients sit behind its interfaces").check(classes);
    }

    /** No Vert.x SQL pool, Stripe, messaging channels or schedulers in the domain. */
    @Test
    void the_domain_uses_no_pool_stripe_channel_or_scheduler() {
        noClasses().that().resideInAPackage(domain()).and(DescribedPredicate.not(owed))
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.mutiny.sqlclient..", "com.stripe..",
                        "org.eclipse.microprofile.reactive.messaging..", "io.smallrye.reactive.messaging..", "io.quarkus.scheduler..")
                .because("pools, third parties, channels and timers are infra").check(classes);
    }

    /** The domain writes no SQL of its own (Panache entities and their queries are fine). */
    @Test
    void the_domain_writes_no_sql_of_its_own() {
        noClasses().that().resideInAPackage(domain()).and(DescribedPredicate.not(owed))
                .should().callMethodWhere(DescribedPredicate.describe("a native SQL query",
                        call -> call.getTarget().getName().equals("createNativeQuery") || call.getTarget().getName().equals("preparedQuery")))
                .because("SQL lives in infra's stores, behind small interfaces").check(classes);
    }

    /** Resources and event adapters stay thin: they read a request or an event and call a use case, never SQL. */
    @Test
    void resources_and_event_adapters_write_no_sql() {
        noClasses().that().resideInAnyPackage("br.ft9." + service + ".api..", "br.ft9." + service + ".events..")
                .should().callMethodWhere(DescribedPredicate.describe("a native SQL query",
                        call -> call.getTarget().getName().equals("createNativeQuery") || call.getTarget().getName().equals("preparedQuery")))
                .orShould().dependOnClassesThat().resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.mutiny.sqlclient..")
                .because("what a request or an event means lives in the domain, its storage in infra").check(classes);
    }

    /** A class moved or renamed leaves the debt list: it names only domain classes that exist. */
    @Test
    void the_debt_list_names_only_domain_classes_that_exist() {
        org.assertj.core.api.Assertions.assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("br.ft9." + service + ".domain"))
                .map(JavaClass::getSimpleName).toList()).containsAll(debt);
    }

    /** A service never imports another service's code: they talk through Kafka and HTTP. */
    @Test
    void the_service_imports_no_other_service() {
        String[] others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> "br.ft9." + s + "..").toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services share only common and the event contracts").check(classes);
    }
}
