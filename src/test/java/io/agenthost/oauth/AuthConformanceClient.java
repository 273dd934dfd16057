package io.agenthost.oauth;

import io.agenthost.mcp.McpAuthorizationException;
import io.agenthost.mcp.McpCallResult;
import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.McpConnection;
import io.agenthost.mcp.McpEndpoint;
import io.agenthost.mcp.RequestHeaders;
import io.agenthost.mcp.RetryPolicy;
import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.run.McpTarget;
import io.agenthost.run.RunContext;
import io.agenthost.run.RunScope;
import io.agenthost.run.RunTokens;
import io.agenthost.testing.FormData;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * The host's MCP client and OAuth code as a client of the MCP conformance suite's authorization scenarios, wired as
 * the server wires them (state in memory). The suite starts it with the MCP server's URL as the last argument and the
 * scenario in {@code MCP_CONFORMANCE_SCENARIO}; a client registered by hand comes in {@code MCP_CONFORMANCE_CONTEXT}.
 * It opens the server as a run would; where the server asks for authorization it follows the consent link as a
 * browser would (the suite's authorization endpoint consents at once and redirects), hands the redirect's query to
 * the callback's code, and tries again, at most three times. In the client credentials, workload identity and
 * enterprise-managed scenarios, the context's client is the host's own client for the server, and no user is asked;
 * in the last, the context's ID token is the one the run's caller signed in with. Then it lists the tools and calls {@code test-tool}.
 * Exit code 0 when the tool answered, 1 with the reason on standard error when the host refused or gave up.
 */
public final class AuthConformanceClient {

    private static final URI REDIRECT = URI.create("http://127.0.0.1:9/oauth/callback");
    private static final int MAX_AUTHORIZATIONS = 3;

    private AuthConformanceClient() {
    }

    public static void main(String[] args) throws Exception {
        URI server = URI.create(args[args.length - 1]);
        String scenario = Optional.ofNullable(System.getenv("MCP_CONFORMANCE_SCENARIO")).orElse("");
        JsonObject context = Json.createReader(new StringReader(Optional.ofNullable(
                System.getenv("MCP_CONFORMANCE_CONTEXT")).orElse("{}"))).readObject();
        try {
            String answer = run(server, scenario, context);
            System.out.println("test-tool answered: " + answer);
            System.exit(0);
        } catch (Refused refused) {
            System.err.println("refused: " + refused.getMessage());
            System.exit(1);
        }
    }

    static String run(URI server, String scenario, JsonObject context) throws Exception {
        Clock clock = Clock.systemUTC();
        ServerUrlPolicy policy = new ServerUrlPolicy(true);
        OAuthHttp http = new OAuthHttp(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(),
                policy, Duration.ofSeconds(10));
        OAuthVault vault = new OAuthVault(new MemoryOAuthRepository(),
                new TokenCipher(new SecretKeySpec(new byte[32], "AES"), new SecureRandom()), clock);
        OAuthTokens tokens = new OAuthTokens(vault, http, Duration.ofSeconds(60), clock);
        OAuthSettings settings = settings(server, scenario, context);
        AuthorizationFlow flow = new AuthorizationFlow(settings, vault, tokens, http, policy, clock);
        OAuthAuthorization authorization = new OAuthAuthorization(tokens, flow,
                new ServiceAuthorization(settings, tokens, http, clock));
        RunTokens runTokens = new RunTokens(List.of(tokens), clock);
        McpTarget target = new McpTarget(McpTarget.Kind.REQUEST_SERVER, "conformance", server);
        McpEndpoint endpoint = new McpEndpoint("conformance", server, (request, run) -> {
            Map<String, String> headers = new HashMap<>();
            if (run != null) {
                runTokens.token(run, target).ifPresent(token -> RequestHeaders.credential(headers, token, request));
            }
            return headers;
        });
        McpClientSettings mcp = new McpClientSettings("agent-host-conformance", "1", Duration.ofSeconds(10),
                Duration.ofSeconds(20), RetryPolicy.NONE);
        // In enterprise-managed authorization, the ID token the user signed in to the host with.
        RunScope run = new RunScope("run_conformance", "conformance", "conformance-user", Map.of(), null,
                context.getString("idp_id_token", null));
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        for (int authorizations = 0; ; authorizations++) {
            try (RunContext.Entered entered = RunContext.enter(run);
                    McpConnection connection = McpConnection.open(endpoint, mcp, authorization)) {
                if (connection.tools().stream().noneMatch(tool -> tool.name().equals("test-tool"))) {
                    return "(no test-tool listed) " + connection.tools();
                }
                McpCallResult result = connection.call("test-tool", "{}");
                return result.output();
            } catch (McpAuthorizationException denied) {
                if (authorizations == MAX_AUTHORIZATIONS) {
                    throw new Refused("still refused after " + MAX_AUTHORIZATIONS + " authorizations: HTTP "
                            + denied.httpStatus());
                }
                boolean stepUp = denied.httpStatus() == 403 && WwwAuthenticate.insufficientScope(denied.challenges());
                if (denied.httpStatus() != 401 && !stepUp) {
                    throw new Refused("the server refused with HTTP " + denied.httpStatus());
                }
                String link = authorization.consentLink(run, target, denied.challenges())
                        .orElseThrow(() -> new Refused("no consent link: see the log"));
                Map<String, String> callback = follow(browser, link);
                try {
                    flow.complete(callback.get("code"), callback.get("state"), callback.get("iss"));
                } catch (OAuthException e) {
                    throw new Refused(e.code() + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * The pre-registered client of the context, if any, for its issuer; the client ID metadata document that the
     * scenario of client ID metadata documents expects. The redirect URI is never served: the browser stops at it.
     */
    private static OAuthSettings settings(URI server, String scenario, JsonObject context) throws IOException {
        Map<String, OAuthClient> clients = new HashMap<>();
        Map<String, ServiceClient> serviceClients = new HashMap<>();
        String clientId = null;
        String secret = null;
        if (scenario.startsWith("auth/client-credentials")) {
            PrivateKey key = context.containsKey("private_key_pem")
                    ? ServiceClient.pkcs8(context.getString("private_key_pem")) : null;
            serviceClients.put(server.toString(), new ServiceClient(context.getString("client_id"),
                    context.getString("client_secret", null), key != null ? "private_key_jwt" : "client_secret_basic",
                    key, null));
        } else if (scenario.equals("auth/wif-jwt-bearer")) {
            Path token = Files.createTempFile("workload", ".jwt");
            token.toFile().deleteOnExit();
            Files.writeString(token, context.getString("valid_jwt"));
            serviceClients.put(server.toString(), new ServiceClient(context.getString("client_id"), null, "none",
                    null, token));
        } else if (scenario.equals("auth/enterprise-managed-authorization")) {
            serviceClients.put(server.toString(), new ServiceClient(context.getString("client_id"),
                    context.getString("client_secret"), "client_secret_basic", null, null, new IdentityProvider(
                            URI.create(context.getString("idp_token_endpoint")), context.getString("idp_client_id"),
                            null)));
        } else if (context.containsKey("client_id")) {
            secret = context.getString("client_secret", null);
            OAuthClient client = new OAuthClient(context.getString("client_id"), secret,
                    secret == null ? "none" : "client_secret_basic");
            if (context.containsKey("issuer")) {
                clients.put(context.getString("issuer"), client);
            } else {
                clientId = client.id();
            }
        }
        URI metadataDocument = scenario.equals("auth/basic-cimd")
                ? URI.create("https://conformance-test.local/client-metadata.json") : null;
        return new OAuthSettings(REDIRECT, clientId, clientId == null ? null : secret, "agent-host-conformance",
                clients, serviceClients, metadataDocument, Optional.empty(), Path.of("unused"), Duration.ofMinutes(10),
                Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    /** What a user's browser does with a consent link: the authorization server redirects to the callback at once. */
    private static Map<String, String> follow(HttpClient browser, String link) throws Exception {
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = answer.headers().firstValue("Location").orElseThrow(() -> new Refused(
                "the authorization endpoint answered " + answer.statusCode() + " without a redirect"));
        return FormData.parse(URI.create(location).getRawQuery());
    }

    /** The host refused to go on, or could not: the scenario's verdict says whether it should have. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
