package br.ft9.console;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which service answers which path prefix: the same table as the Kubernetes ingress (a test holds them equal), so
 * the browser sees one origin locally as it does in production.
 */
public final class ApiRoutes {

    /** Path prefix to the service that owns it, in the ingress's order. */
    public static final Map<String, String> TABLE = table();

    private ApiRoutes() {
    }

    private static Map<String, String> table() {
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("/api/auth", "auth-service");
        routes.put("/api/users", "auth-service");
        routes.put("/api/organizations", "tenant-service");
        routes.put("/api/operations", "tenant-service");
        routes.put("/api/audit", "tenant-service");
        routes.put("/api/billing", "billing-service");
        routes.put("/webhooks/stripe", "billing-service");
        routes.put("/api/knowledge", "memory-service");
        routes.put("/api/automations", "flow-service");
        routes.put("/webhooks/flow", "flow-service");
        routes.put("/api/conversations", "whatsapp-gateway");
        routes.put("/api/contacts", "whatsapp-gateway");
        routes.put("/api/inbox", "whatsapp-gateway");
        routes.put("/webhooks/whatsapp", "whatsapp-gateway");
        return Collections.unmodifiableMap(routes);
    }
}
