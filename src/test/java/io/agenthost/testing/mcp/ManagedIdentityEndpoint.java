package io.agenthost.testing.mcp;

import com.sun.net.httpserver.HttpExchange;
import io.agenthost.testing.FormData;
import jakarta.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A managed identity endpoint as Azure App Service and Container Apps provide one ({@code IDENTITY_ENDPOINT} and
 * {@code IDENTITY_HEADER}, protocol {@code 2019-08-01}): {@code GET ?resource=...&api-version=2019-08-01} with the
 * header {@code X-IDENTITY-HEADER} answers a fresh token. azure-identity's real {@code DefaultAzureCredential} gets its
 * tokens here in the tests; Azure itself cannot be had.
 */
public final class ManagedIdentityEndpoint {

    public static final String PATH = "/msi/token";

    private final String secret;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    public ManagedIdentityEndpoint(String secret) {
        this.secret = secret;
    }

    public boolean issued(String token) {
        return issued.contains(token);
    }

    /** Every token handed out, for the scan of what the servers kept. */
    public Set<String> tokens() {
        return Set.copyOf(issued);
    }

    void handle(HttpExchange exchange) throws IOException {
        try {
            exchange.getRequestBody().readAllBytes();
            Map<String, String> query = FormData.parse(exchange.getRequestURI().getRawQuery());
            String resource = query.get("resource");
            if (!secret.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
                send(exchange, 401, Json.createObjectBuilder().add("error", "unauthorized")
                        .add("error_description", "X-IDENTITY-HEADER is missing or wrong").build().toString());
            } else if (resource == null || !"2019-08-01".equals(query.get("api-version"))) {
                send(exchange, 400, Json.createObjectBuilder().add("error", "invalid_request")
                        .add("error_description", "resource and api-version=2019-08-01 are required").build()
                        .toString());
            } else {
                String token = "mi-" + UUID.randomUUID();
                issued.add(token);
                send(exchange, 200, Json.createObjectBuilder()
                        .add("access_token", token)
                        .add("expires_on", String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond()))
                        .add("resource", resource)
                        .add("token_type", "Bearer")
                        .add("client_id", "test-managed-identity")
                        .build().toString());
            }
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
