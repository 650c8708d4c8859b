package br.ft9.console;

import java.net.URI;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/** The console's settings: where each service listens, for the paths the console forwards. */
@ConfigMapping(prefix = "ft9.console")
public interface ConsoleConfig {

    /** Service name (as in {@link ApiRoutes#TABLE}) to its base address, e.g. auth-service=http://localhost:8081. */
    Map<String, URI> services();
}
