package br.ft9.auth;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.ServiceFoundationContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** auth-service against the real PostgreSQL, Kafka and Redis: its schema, health, metrics and OpenAPI. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class AuthServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String schema() {
        return "auth";
    }
}
