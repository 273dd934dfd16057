package it.io.agenthost.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.Tool;
import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Enterprise-managed authorization in the server of JWT callers: its MCP server "corporate" needs tokens of the test
 * authorization server, and the host has a client of its own there whose grant is the caller's identity. No user is
 * asked: the host exchanges the JWT the caller presented at the identity provider (here the same test server) for an
 * ID-JAG naming the caller and the MCP server, and redeems that as its client for a token that acts for the caller.
 */
class EnterpriseAuthorizationIT {

    private static final String BASE = "http://" + TestServer.HOST + ":" + Integer.getInteger("jwt.http.port", 9081);
    private static final String IDENTITY_PROVIDER = System.getProperty("mcp.test.oauth.url");
    private static final String CORPORATE = System.getProperty("mcp.test.corporate.url");

    @Test
    void eachCallersOwnIdentityGetsTheirOwnTokenWithoutAConsent() {
        JsonObject before = stats();

        assertEquals("42", callAs("frank"));
        JsonObject afterFrank = stats();
        assertEquals(count(before, "token_exchange") + 1, count(afterFrank, "token_exchange"));
        assertEquals(subject(before, "frank") + 1, subject(afterFrank, "frank"), "a token that acts for frank");

        assertEquals("42", callAs("grace"));
        JsonObject afterGrace = stats();
        assertEquals(subject(afterFrank, "grace") + 1, subject(afterGrace, "grace"), "grace's own, not frank's");
        assertEquals(subject(afterFrank, "frank"), subject(afterGrace, "frank"));

        assertEquals("42", callAs("frank"));
        assertEquals(count(afterGrace, "token_exchange"), count(stats(), "token_exchange"),
                "frank's token is kept for his next runs while it lasts");
    }

    private static String callAs(String user) {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(BASE + "/v1").apiKey(jwt(user)).maxRetries(0)
                .build();
        try {
            Response response = client.responses().create(ResponseCreateParams.builder().model("assistant")
                    .input("/call corp.add {\"a\":40,\"b\":2}")
                    .addTool(Tool.Mcp.builder().serverLabel("corp").serverUrl(CORPORATE)
                            .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build())
                    .build());
            assertEquals(ResponseStatus.COMPLETED, response.status().orElseThrow(), response.output().toString());
            assertTrue(response.output().stream().map(item -> item._json().map(json -> json.convert(Map.class)))
                    .flatMap(Optional::stream).noneMatch(item -> "oauth_consent_request".equals(item.get("type"))),
                    "no consent request: " + response.output());
            return response.output().stream().filter(ResponseOutputItem::isMcpCall)
                    .map(ResponseOutputItem::asMcpCall).reduce((a, b) -> b).orElseThrow().output().orElse(null);
        } finally {
            client.close();
        }
    }

    private static String jwt(String user) {
        HttpResponse<String> issued = TestServer.send(HttpRequest.newBuilder(
                URI.create(IDENTITY_PROVIDER + "/control/jwt?user=" + user + "&seconds=600"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, issued.statusCode(), issued.body());
        return issued.body();
    }

    private static JsonObject stats() {
        return TestServer.json(TestServer.send(HttpRequest.newBuilder(URI.create(IDENTITY_PROVIDER
                + "/control/stats")).build()).body());
    }

    private static int count(JsonObject stats, String what) {
        return stats.getInt(what);
    }

    private static int subject(JsonObject stats, String user) {
        return stats.getJsonObject("jwt_bearer_subjects").getInt(user, 0);
    }
}
