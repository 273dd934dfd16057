package it.io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.Tool;
import it.io.agenthost.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Revocation on a real Liberty: two HTTPS MCP servers with certificates of the tests' CA (which Liberty trusts), one
 * of them revoked by the CA's CRL, which the test servers' control endpoint serves on loopback. A request brings both
 * with a bearer each; the response is not stored, since the good server's {@code whoami} answers with its bearer and
 * the secret scan must find no credential in the database.
 */
class RevocationIT {

    private static final String CONTROL = System.getProperty("mcp.test.control.url");

    @Test
    void aRevokedServerGetsNothingAndTheRunGoesOnWithTheGoodOne() {
        control("reset?name=tlsrevoked");
        control("reset?name=tlsgood");

        Response response = TestServer.openAi().responses().create(ResponseCreateParams.builder().model("assistant")
                .input("/call good.whoami {}").store(false)
                .addTool(server("good", "mcp.test.tlsgood.url", "revocation-it-good"))
                .addTool(server("revoked", "mcp.test.tlsrevoked.url", "revocation-it-revoked"))
                .build());

        assertEquals(ResponseStatus.COMPLETED, response.status().orElseThrow());
        ResponseOutputItem.McpListTools revoked = response.output().stream()
                .filter(ResponseOutputItem::isMcpListTools).map(ResponseOutputItem::asMcpListTools)
                .filter(list -> list.serverLabel().equals("revoked")).findFirst().orElseThrow();
        assertTrue(revoked.error().orElseThrow().contains("the server's certificate is revoked"),
                revoked.error().orElseThrow());
        assertEquals("Bearer revocation-it-good", response.output().stream().filter(ResponseOutputItem::isMcpCall)
                .map(item -> item.asMcpCall().output().orElseThrow()).findFirst().orElseThrow());

        assertEquals("[]", control("requests?name=tlsrevoked"), "the handshake fails before any request");
        assertFalse(control("bearers").contains("revocation-it-revoked"));
    }

    private static Tool server(String label, String urlProperty, String token) {
        return Tool.ofMcp(Tool.Mcp.builder().serverLabel(label).serverUrl(System.getProperty(urlProperty))
                .authorization(token).requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build());
    }

    private static String control(String command) {
        boolean read = command.startsWith("requests") || command.startsWith("bearers");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(CONTROL + command));
        HttpResponse<String> answer = TestServer.send(read ? request.GET().build()
                : request.POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }
}
