package it.io.agenthost.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.ConversationCreateParams;
import com.openai.models.conversations.ConversationRetrieveParams;
import com.openai.errors.UnauthorizedException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseDeleteParams;
import com.openai.models.responses.ResponseRetrieveParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.Tool;
import io.agenthost.testing.oauth.TestJwtIssuer;
import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A second Liberty, started with {@code caller.auth=jwt}: callers present JWTs that the test authorization server
 * signs (its {@code /jwks} is the server's {@code mp.jwt.verify.publickey.location}). The principal of each JWT is
 * the user each run acts for, and the owner of what it stores: the OAuth grant that alice gives the protected MCP
 * server serves alice's runs, never bob's, and bob can neither read nor continue alice's responses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwtCallersIT {

    private static final String BASE = "http://" + TestServer.HOST + ":" + Integer.getInteger("jwt.http.port", 9081);
    private static final String IDENTITY_PROVIDER = System.getProperty("mcp.test.oauth.url");
    private static final String PROTECTED = System.getProperty("mcp.test.protected.url");
    private static final String PROMPT = "/call prot.add {\"a\":40,\"b\":2}";
    private static final HttpClient BROWSER = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private static String jwt(String user, long seconds) {
        HttpResponse<String> issued = TestServer.send(HttpRequest.newBuilder(
                URI.create(IDENTITY_PROVIDER + "/control/jwt?user=" + user + "&seconds=" + seconds))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, issued.statusCode(), issued.body());
        return issued.body();
    }

    private static OpenAIClient client(String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(BASE + "/v1").apiKey(apiKey).maxRetries(0).build();
    }

    private static Response create(String user) {
        OpenAIClient client = client(jwt(user, 600));
        try {
            return client.responses().create(ResponseCreateParams.builder().model("assistant").input(PROMPT)
                    .addTool(Tool.Mcp.builder().serverLabel("prot").serverUrl(PROTECTED)
                            .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build())
                    .build());
        } finally {
            client.close();
        }
    }

    private static Response createWithGuarded(String user) {
        OpenAIClient client = client(jwt(user, 600));
        try {
            return client.responses().create(ResponseCreateParams.builder().model("guarded")
                    .input("/call add {\"a\":1,\"b\":2}").build());
        } finally {
            client.close();
        }
    }

    private static List<String> consentLinks(Response response) {
        return response.output().stream()
                .filter(item -> item._json().isPresent())
                .map(item -> item._json().orElseThrow().convert(Map.class))
                .filter(map -> "oauth_consent_request".equals(map.get("type")))
                .map(map -> (String) map.get("consent_link"))
                .toList();
    }

    private static String callOutput(Response response) {
        return callOutput(response, "prot");
    }

    private static String callOutput(Response response, String label) {
        return response.output().stream().filter(ResponseOutputItem::isMcpCall).map(ResponseOutputItem::asMcpCall)
                .filter(call -> call.serverLabel().equals(label)).reduce((a, b) -> b).orElseThrow()
                .output().orElse(null);
    }

    private static void follow(String consentLink) throws Exception {
        HttpResponse<String> page = BROWSER.send(HttpRequest.newBuilder(URI.create(consentLink)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("/oauth/callback", page.uri().getPath());
    }

    private static HttpResponse<String> postResponses(String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + "/v1/responses"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"assistant\",\"input\":\"hi\"}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return TestServer.send(request.build());
    }

    private static void assertUnauthorized(HttpResponse<String> response, String code) {
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        JsonObject error = TestServer.json(response.body()).getJsonObject("error");
        assertEquals(code, error.getString("code"));
        assertEquals("invalid_request_error", error.getString("type"));
    }

    @Test
    @Order(1)
    void aCallerWithoutABearerGetsA401InOpenAisShape() {
        assertUnauthorized(postResponses(null), "missing_api_key");
        assertUnauthorized(TestServer.send(HttpRequest.newBuilder(URI.create(BASE + "/v1/models")).build()),
                "missing_api_key");
    }

    @Test
    @Order(1)
    void tokensThatAreNoJwtsExpiredOrSignedByAnotherKeyAreRefused() {
        assertUnauthorized(postResponses("Bearer unused"), "invalid_api_key");
        // further in the past than the five minutes of clock skew that verifiers allow
        assertUnauthorized(postResponses("Bearer " + jwt("alice", -900)), "invalid_api_key");
        String forged = new TestJwtIssuer(IDENTITY_PROVIDER).sign("alice", Duration.ofMinutes(10));
        assertUnauthorized(postResponses("Bearer " + forged), "invalid_api_key");

        OpenAIClient client = client("not-a-jwt");
        try {
            UnauthorizedException refused = assertThrows(UnauthorizedException.class,
                    () -> client.models().list());
            assertEquals(401, refused.statusCode());
        } finally {
            client.close();
        }
    }

    @Test
    @Order(1)
    void readinessAndTheConsentCallbackNeedNoToken() {
        assertEquals(200, TestServer.send(HttpRequest.newBuilder(URI.create(BASE + "/health/ready")).build())
                .statusCode());
        HttpResponse<String> callback = TestServer.send(
                HttpRequest.newBuilder(URI.create(BASE + "/oauth/callback?state=unknown&code=x")).build());
        assertEquals(400, callback.statusCode(), callback.body());
    }

    @Test
    @Order(2)
    void aValidJwtIsAccepted() {
        assertEquals(200, postResponses("Bearer " + jwt("carol", 600)).statusCode());
    }

    @Test
    @Order(2)
    void aStoredResponseIsItsCallersOnly() {
        OpenAIClient alice = client(jwt("alice", 600));
        OpenAIClient bob = client(jwt("bob", 600));
        try {
            Response kept = alice.responses().create(ResponseCreateParams.builder().model("assistant")
                    .input("alice's plan").build());

            // Two agents are hosted here: reads name the owner, as the README shows.
            ResponseRetrieveParams retrieve = ResponseRetrieveParams.builder().responseId(kept.id())
                    .putAdditionalQueryParam("agent", "assistant").build();
            assertEquals(kept.id(), alice.responses().retrieve(retrieve).id());
            assertThrows(NotFoundException.class, () -> bob.responses().retrieve(retrieve));
            assertThrows(NotFoundException.class, () -> bob.responses().create(ResponseCreateParams.builder()
                    .model("assistant").input("go on").previousResponseId(kept.id()).build()));
            assertThrows(NotFoundException.class, () -> bob.responses().delete(ResponseDeleteParams.builder()
                    .responseId(kept.id()).putAdditionalQueryParam("agent", "assistant").build()));
            assertEquals("alice's plan", TestServer.lastText(alice.responses().create(ResponseCreateParams
                    .builder().model("assistant").input("alice's plan").previousResponseId(kept.id()).build())));
        } finally {
            alice.close();
            bob.close();
        }
    }

    @Test
    @Order(3)
    void theGrantAliceGivesServesHerRunsAndNotBobs() throws Exception {
        Response first = create("alice");
        assertEquals(ResponseStatus.INCOMPLETE, first.status().orElseThrow());
        List<String> links = consentLinks(first);
        assertEquals(1, links.size(), first.output().toString());

        follow(links.get(0));

        Response alices = create("alice");
        assertEquals(ResponseStatus.COMPLETED, alices.status().orElseThrow());
        assertEquals("42", callOutput(alices));

        Response bobs = create("bob");
        assertEquals(ResponseStatus.INCOMPLETE, bobs.status().orElseThrow());
        assertEquals("consent_required", bobs.incompleteDetails().orElseThrow().reason().orElseThrow().asString());
        assertEquals(1, consentLinks(bobs).size());
    }

    /** A conversation is its caller's: another caller can neither read it nor run a response in it. */
    @Test
    @Order(6)
    void aConversationIsItsCallersOnly() {
        OpenAIClient alice = client(jwt("alice", 600));
        OpenAIClient bob = client(jwt("bob", 600));
        try {
            Conversation alices = alice.conversations().create(ConversationCreateParams.builder()
                    .putAdditionalQueryParam("agent", "assistant").build());
            assertThrows(NotFoundException.class, () -> bob.conversations().retrieve(ConversationRetrieveParams
                    .builder().conversationId(alices.id()).putAdditionalQueryParam("agent", "assistant").build()));
            assertThrows(NotFoundException.class, () -> bob.responses().create(ResponseCreateParams.builder()
                    .model("assistant").conversation(alices.id()).input("let me in").build()));
            assertEquals(ResponseStatus.COMPLETED, alice.responses().create(ResponseCreateParams.builder()
                    .model("assistant").conversation(alices.id()).input("mine").build()).status().orElseThrow());
        } finally {
            alice.close();
            bob.close();
        }
    }

    /**
     * A background run that meets standard MCP OAuth waits instead of ending: its consent link arrives as an event,
     * the user follows it, the callback stores the grant and wakes the run, which goes on in the same response.
     */
    @Test
    @Order(5)
    void aBackgroundRunWaitsForTheUsersConsentAndCompletesOnceTheCallbackStoresIt() throws Exception {
        String token = jwt("frank", 600);
        OpenAIClient client = client(token);
        try {
            Response queued = client.responses().create(ResponseCreateParams.builder().model("assistant")
                    .input(PROMPT).background(true).addTool(Tool.Mcp.builder().serverLabel("prot")
                            .serverUrl(PROTECTED)
                            .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build())
                    .build());
            Iterator<String> lines = TestServer.sendLines(HttpRequest.newBuilder(URI.create(BASE + "/v1/responses/"
                    + queued.id() + "?agent=assistant&stream=true")).header("Authorization", "Bearer " + token)
                    .GET().build()).body().iterator();
            String consentLink = null;
            List<String> types = new ArrayList<>();
            while (lines.hasNext()) {
                String line = lines.next();
                if (!line.startsWith("data: ")) {
                    continue;
                }
                JsonObject event = TestServer.json(line.substring(6));
                types.add(event.getString("type"));
                JsonObject item = event.getJsonObject("item");
                if (consentLink == null && item != null && item.getString("type").equals("oauth_consent_request")) {
                    consentLink = item.getString("consent_link");
                    assertEquals(ResponseStatus.IN_PROGRESS, client.responses().retrieve(ResponseRetrieveParams
                            .builder().responseId(queued.id()).putAdditionalQueryParam("agent", "assistant").build())
                            .status().orElseThrow(), "the run waits instead of ending");
                    follow(consentLink);
                }
            }
            assertTrue(consentLink != null, types.toString());
            assertEquals("response.completed", types.get(types.size() - 1));

            Response done = client.responses().retrieve(ResponseRetrieveParams.builder().responseId(queued.id())
                    .putAdditionalQueryParam("agent", "assistant").build());
            assertEquals(ResponseStatus.COMPLETED, done.status().orElseThrow());
            assertEquals("42", callOutput(done));
            assertEquals(1, consentLinks(done).size());
        } finally {
            client.close();
        }
    }

    /**
     * A host toolbox at its own URL whose server answers 401 with its resource metadata waits for each user's consent
     * (readiness stays UP), asks every user for a grant of their own, and once a user has given it, serves that user's
     * runs with that user's token, per run, while the others are still asked.
     */
    @Test
    @Order(4)
    void aHostToolboxThatNeedsOAuthAsksEachUserAndServesThoseWhoConsented() throws Exception {
        HttpResponse<String> ready = TestServer.send(HttpRequest.newBuilder(URI.create(BASE + "/health/ready")).build());
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject toolboxes = TestServer.json(ready.body()).getJsonArray("checks").getValuesAs(JsonObject.class)
                .stream().filter(check -> check.getString("name").equals("toolboxes")).findFirst().orElseThrow();
        assertEquals("ConsentRequired", toolboxes.getJsonObject("data").getString("guarded"), ready.body());

        Response dave = createWithGuarded("dave");
        Response erin = createWithGuarded("erin");
        assertEquals(ResponseStatus.INCOMPLETE, dave.status().orElseThrow());
        assertEquals(ResponseStatus.INCOMPLETE, erin.status().orElseThrow());
        List<String> daveLinks = consentLinks(dave);
        List<String> erinLinks = consentLinks(erin);
        assertEquals(1, daveLinks.size(), dave.output().toString());
        assertEquals(1, erinLinks.size(), erin.output().toString());
        assertTrue(!daveLinks.get(0).equals(erinLinks.get(0)), "each user is asked for a grant of their own");

        follow(daveLinks.get(0));
        Response davesAgain = createWithGuarded("dave");
        assertEquals(ResponseStatus.COMPLETED, davesAgain.status().orElseThrow(), davesAgain.output().toString());
        assertEquals("3", callOutput(davesAgain, "guarded"));

        // The toolbox is open now, on dave's grant; erin's runs still carry only what erin has: nothing.
        Response erinsAgain = createWithGuarded("erin");
        assertEquals(ResponseStatus.INCOMPLETE, erinsAgain.status().orElseThrow(), erinsAgain.output().toString());
        List<String> erinsNewLinks = consentLinks(erinsAgain);
        assertEquals(1, erinsNewLinks.size());
        follow(erinsNewLinks.get(0));
        assertEquals("3", callOutput(createWithGuarded("erin"), "guarded"));
        assertEquals("3", callOutput(createWithGuarded("dave"), "guarded"));
    }
}
