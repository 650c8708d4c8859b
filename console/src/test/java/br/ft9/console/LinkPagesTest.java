package br.ft9.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The pages that mailed links and Stripe's redirects lead to explain themselves instead of answering 404. */
@QuarkusTest
class LinkPagesTest {

    @Test
    void the_invitation_link_explains_how_to_set_the_password_with_its_own_token() {
        given().queryParam("token", "inv_4Kq9").when().get("/invitations/accept").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Seu convite para a FT9"))
                .body(containsString("/api/users/invitations/accept"))
                .body(containsString("&quot;token&quot;: &quot;inv_4Kq9&quot;"));
    }

    @Test
    void a_browser_that_prefers_english_reads_the_page_in_english() {
        given().header("Accept-Language", "en-US,en;q=0.9").queryParam("token", "inv_4Kq9").when().get("/invitations/accept")
                .then().statusCode(200).body(containsString("Your invitation to FT9")).body(containsString("lang=\"en\""));
    }

    @Test
    void what_comes_in_the_link_is_shown_as_text_never_as_markup() {
        given().queryParam("token", "<script>alert(1)</script>").when().get("/invitations/accept").then().statusCode(200)
                .body(not(containsString("<script>"))).body(containsString("&lt;script&gt;"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Referrer-Policy", "no-referrer");
    }

    @Test
    void stripe_returns_land_on_pages_that_say_what_happened_to_the_plan() {
        given().when().get("/billing/done").then().statusCode(200).body(containsString("Pagamento recebido"));
        given().when().get("/billing/canceled").then().statusCode(200).body(containsString("nada foi cobrado"));
        given().when().get("/billing").then().statusCode(200).body(containsString("portal de cobrança"));
    }

    @Test
    void an_unknown_address_says_so_with_404_and_health_still_answers() {
        given().when().get("/nada/aqui").then().statusCode(404).body(containsString("Página não encontrada"));
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
