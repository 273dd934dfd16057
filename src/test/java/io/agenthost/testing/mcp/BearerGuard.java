package io.agenthost.testing.mcp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Makes a test MCP server a protected resource of an authorization server, as MCP authorization has it: it publishes
 * its protected resource metadata (RFC 9728) and answers a request without an active bearer token for itself with 401
 * and {@code WWW-Authenticate: Bearer resource_metadata="..."}. Tokens are checked by introspection (RFC 7662) at the
 * authorization server, each time, so that tokens it expires are refused at once.
 */
final class BearerGuard {

    static final String METADATA_PATH = "/.well-known/oauth-protected-resource";
    static final String SCOPE = "mcp";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BearerGuard() {
    }

    /** Whether the request was answered here (metadata, or a refusal); otherwise it may go on to the MCP server. */
    static boolean handled(String authorizationServer, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String resource = "http://" + TestMcpServer.HOST + ":" + request.getLocalPort() + TestMcpServer.PATH;
        String path = request.getRequestURI();
        if (path.equals(METADATA_PATH) || path.equals(METADATA_PATH + TestMcpServer.PATH)) {
            write(response, 200, Json.createObjectBuilder()
                    .add("resource", resource)
                    .add("authorization_servers", Json.createArrayBuilder().add(authorizationServer))
                    .add("scopes_supported", Json.createArrayBuilder().add(SCOPE))
                    .add("bearer_methods_supported", Json.createArrayBuilder().add("header"))
                    .build().toString());
            return true;
        }
        String authorization = request.getHeader("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (token != null && active(authorizationServer, token, resource)) {
            return false;
        }
        String metadata = "http://" + TestMcpServer.HOST + ":" + request.getLocalPort() + METADATA_PATH;
        response.setHeader("WWW-Authenticate", "Bearer resource_metadata=\"" + metadata + "\", scope=\"" + SCOPE
                + "\"" + (token == null ? "" : ", error=\"invalid_token\""));
        write(response, 401, "{\"error\":\"" + (token == null ? "unauthorized" : "invalid_token") + "\"}");
        return true;
    }

    private static boolean active(String authorizationServer, String token, String resource) throws IOException {
        HttpRequest introspect = HttpRequest.newBuilder(URI.create(authorizationServer + "/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> answer = HTTP.send(introspect, HttpResponse.BodyHandlers.ofString());
            JsonObject json = Json.createReader(new StringReader(answer.body())).readObject();
            // RFC 8707: a token issued for another resource is not for this server.
            return json.getBoolean("active", false) && resource.equals(json.getString("aud", null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while introspecting a token", e);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void write(HttpServletResponse response, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
