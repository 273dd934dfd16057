package it.io.agenthost.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.Tool;
import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Standard MCP authorization on a real Liberty: the request's MCP server {@code prot} answers 401 with
 * {@code WWW-Authenticate: Bearer resource_metadata=...} until it gets a token of the test authorization server, whose
 * {@code /authorize} consents at once, as a user would. The test plays the user: it follows the consent link, which
 * ends at the host's {@code /oauth/callback}, and sends the prompt again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OAuthConsentIT {

    private static final OpenAIClient CLIENT = TestServer.openAi();
    private static final String AUTHORIZATION_SERVER = System.getProperty("mcp.test.oauth.url");
    private static final String PROTECTED = System.getProperty("mcp.test.protected.url");
    private static final String PROMPT = "/call prot.add {\"a\":20,\"b\":22}";
    private static final HttpClient BROWSER = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private static String consentLink;

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    private static Response create(String input) {
        return CLIENT.responses().create(ResponseCreateParams.builder().model("assistant").input(input)
                .addTool(Tool.Mcp.builder().serverLabel("prot").serverUrl(PROTECTED)
                        .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build())
                .build());
    }

    private static List<Map<String, String>> consentItems(Response response) {
        // The SDK has no type for these items: they arrive as raw JSON.
        return response.output().stream()
                .filter(item -> item._json().isPresent())
                .map(item -> item._json().orElseThrow().convert(Map.class))
                .filter(map -> "oauth_consent_request".equals(map.get("type")))
                .map(map -> Map.of("server_label", (String) map.get("server_label"),
                        "consent_link", (String) map.get("consent_link")))
                .toList();
    }

    private static String callOutput(Response response) {
        return response.output().stream().filter(ResponseOutputItem::isMcpCall).map(ResponseOutputItem::asMcpCall)
                .filter(call -> call.serverLabel().equals("prot")).reduce((a, b) -> b).orElseThrow()
                .output().orElse(null);
    }

    @Test
    @Order(1)
    void theFirstRequestEndsIncompleteWithTheAuthorizeUrlAsConsentLink() {
        Response response = create(PROMPT);

        assertEquals(ResponseStatus.INCOMPLETE, response.status().orElseThrow());
        assertEquals("consent_required", response.incompleteDetails().orElseThrow().reason().orElseThrow().asString());
        List<Map<String, String>> consent = consentItems(response);
        assertEquals(1, consent.size(), consent.toString());
        assertEquals("prot", consent.get(0).get("server_label"));
        consentLink = consent.get(0).get("consent_link");
        assertTrue(consentLink.startsWith(AUTHORIZATION_SERVER + "/authorize?"), consentLink);
        List<String> query = List.of(URI.create(consentLink).getRawQuery().split("&"));
        assertTrue(query.contains("code_challenge_method=S256"), consentLink);
        assertTrue(query.contains("resource=" + URLEncoder.encode(PROTECTED, StandardCharsets.UTF_8)), consentLink);
        assertTrue(query.contains("redirect_uri=" + URLEncoder.encode(TestServer.BASE + "/oauth/callback",
                StandardCharsets.UTF_8)), consentLink);
        assertTrue(response.output().stream().anyMatch(item -> item.isMcpListTools()
                && item.asMcpListTools().serverLabel().equals("prot") && item.asMcpListTools().error().isPresent()));
    }

    @Test
    @Order(2)
    void followingTheLinkEndsAtTheCallbackWhichKeepsTheUsersToken() throws Exception {
        assertNotNull(consentLink, "the first test gives the link");

        HttpResponse<String> page = BROWSER.send(HttpRequest.newBuilder(URI.create(consentLink)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode(), page.body());
        assertEquals("/oauth/callback", page.uri().getPath());
        assertTrue(page.body().contains("You can return to the chat"), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());

        HttpResponse<String> replay = TestServer.send(HttpRequest.newBuilder(page.uri()).build());
        assertEquals(400, replay.statusCode());
        assertEquals("invalid_state", TestServer.json(replay.body()).getJsonObject("error").getString("code"));
    }

    @Test
    @Order(3)
    void theResentPromptGetsTheToolResult() {
        Response response = create(PROMPT);

        assertEquals(ResponseStatus.COMPLETED, response.status().orElseThrow());
        assertTrue(consentItems(response).isEmpty());
        assertEquals("42", callOutput(response));
        assertTrue(TestServer.lastText(response).endsWith("returned: 42"), TestServer.lastText(response));
    }

    @Test
    @Order(4)
    void aLaterRunRefreshesATokenThatExpired() {
        int refreshes = authorizationServer("GET", "stats").getInt("refresh_token");
        authorizationServer("POST", "expire");

        Response response = create(PROMPT);

        assertEquals(ResponseStatus.COMPLETED, response.status().orElseThrow());
        assertEquals("42", callOutput(response));
        assertEquals(refreshes + 1, authorizationServer("GET", "stats").getInt("refresh_token"));

        Response next = create("/call prot.add {\"a\":1,\"b\":1}");
        assertEquals("2", callOutput(next));
        assertEquals(refreshes + 1, authorizationServer("GET", "stats").getInt("refresh_token"), "refreshed once");
    }

    @Test
    @Order(5)
    void callbackErrorsHaveTheOpenAiShape() {
        HttpResponse<String> unknown = TestServer.get("/oauth/callback?code=c&state=nosuchstate");
        assertEquals(400, unknown.statusCode());
        JsonObject error = TestServer.json(unknown.body()).getJsonObject("error");
        assertEquals("invalid_request_error", error.getString("type"));
        assertEquals("invalid_state", error.getString("code"));
        assertEquals("state", error.getString("param"));

        HttpResponse<String> missing = TestServer.get("/oauth/callback");
        assertEquals(400, missing.statusCode());
        assertEquals("missing_required_parameter",
                TestServer.json(missing.body()).getJsonObject("error").getString("code"));

        HttpResponse<String> denied = TestServer.get("/oauth/callback?error=access_denied&state=s");
        assertEquals(400, denied.statusCode());
        assertEquals("oauth_access_denied", TestServer.json(denied.body()).getJsonObject("error").getString("code"));
    }

    private static JsonObject authorizationServer(String method, String route) {
        HttpResponse<String> response = TestServer.send(HttpRequest.newBuilder(
                URI.create(AUTHORIZATION_SERVER + "/control/" + route))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.json(response.body());
    }
}
