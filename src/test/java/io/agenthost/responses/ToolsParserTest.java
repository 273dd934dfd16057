package io.agenthost.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.agent.RequestMcpTool;
import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.toolbox.ToolboxRef;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolsParserTest {

    private final ToolsParser parser = new ToolsParser(new ServerUrlPolicy(true));

    private ToolsParser.Tools parse(String tools) {
        return parser.parse(Json.createReader(new StringReader("{\"tools\":" + tools + "}")).readObject());
    }

    private ApiException refused(String tools) {
        return assertThrows(ApiException.class, () -> parse(tools));
    }

    @Test
    void anMcpToolKeepsItsServerCredentialsFilterAndPolicy() {
        ToolsParser.Tools tools = parse("[{\"type\":\"mcp\",\"server_label\":\"docs\",\"server_url\":"
                + "\"http://127.0.0.1:3001/mcp\",\"authorization\":\"tok-123\",\"headers\":{\"X-Tenant\":\"t1\"},"
                + "\"allowed_tools\":[\"search\"],\"require_approval\":{\"never\":{\"tool_names\":[\"search\"]}}}]");

        RequestMcpTool server = tools.mcpServers().get(0);
        assertEquals("docs", server.serverLabel());
        assertEquals("tok-123", server.authorization());
        assertEquals(Map.of("X-Tenant", "t1"), server.headers());
        assertEquals(Set.of("search"), server.allowedTools());
        assertFalse(server.approval().requiresApproval("search"));
        assertTrue(server.approval().requiresApproval("delete"));
        assertFalse(server.toString().contains("tok-123"));
    }

    @Test
    void theEchoedToolCarriesNoCredential() {
        JsonObject echo = parse("[{\"type\":\"mcp\",\"server_label\":\"docs\",\"server_url\":\"http://127.0.0.1:3001/mcp\","
                + "\"authorization\":\"tok-123\",\"headers\":{\"X-Api-Key\":\"key-456\"}}]").echo().getJsonObject(0);

        assertFalse(echo.toString().contains("tok-123"));
        assertFalse(echo.toString().contains("key-456"));
        assertEquals("docs", echo.getString("server_label"));
        assertTrue(echo.getJsonObject("headers").containsKey("X-Api-Key"));
    }

    @Test
    void approvalDefaultsToAlwaysAndAcceptsNever() {
        assertTrue(parse("[{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":\"http://127.0.0.1:1/mcp\"}]")
                .mcpServers().get(0).approval().requiresApproval("x"));
        assertFalse(parse("[{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":\"http://127.0.0.1:1/mcp\","
                + "\"require_approval\":\"never\"}]").mcpServers().get(0).approval().requiresApproval("x"));
        assertNull(parse("[{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":\"http://127.0.0.1:1/mcp\"}]")
                .mcpServers().get(0).allowedTools());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "authorization", "AUTHORIZATION", "aUtHoRiZaTiOn"})
    void anAuthorizationHeaderInAnyCaseIsRefusedPointingAtAuthorization(String name) {
        ApiException error = refused("[{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":\"http://127.0.0.1:1/mcp\","
                + "\"headers\":{\"" + name + "\":\"Bearer x\"}}]");

        JsonObject body = error.toJson().getJsonObject("error");
        assertEquals(400, error.status());
        assertEquals("tools[0].headers", body.getString("param"));
        assertTrue(body.getString("message").contains("tools[0].authorization"));
        assertFalse(body.getString("message").contains("Bearer x"));
    }

    @Test
    void headerInjectionIsRefused() {
        assertEquals("tools[0].headers.X-A", refused("[{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":"
                + "\"http://127.0.0.1:1/mcp\",\"headers\":{\"X-A\":\"v\\r\\nHost: evil\"}}]")
                .toJson().getJsonObject("error").getString("param"));
        assertEquals("tools[0].headers", refused("[{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":"
                + "\"http://127.0.0.1:1/mcp\",\"headers\":{\"X A\":\"v\"}}]")
                .toJson().getJsonObject("error").getString("param"));
        assertEquals("tools[0].authorization", refused("[{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":"
                + "\"http://127.0.0.1:1/mcp\",\"authorization\":\"t\\nX-Evil: 1\"}]")
                .toJson().getJsonObject("error").getString("param"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"leak\u2603secret42", "leak\u0001secret43", "leak\u007fsecret44", " leading", "tab\t"})
    void aValueHttpCannotCarryIsRefusedWithoutEchoingIt(String value) {
        String json = Json.createValue(value).toString();
        ApiException inAuthorization = refused("[{\"type\":\"mcp\",\"server_label\":\"docs\",\"server_url\":"
                + "\"http://127.0.0.1:1/mcp\",\"authorization\":" + json + "}]");
        ApiException inHeaders = refused("[{\"type\":\"mcp\",\"server_label\":\"docs\",\"server_url\":"
                + "\"http://127.0.0.1:1/mcp\",\"headers\":{\"X-Key\":" + json + "}}]");

        assertEquals("tools[0].authorization", inAuthorization.toJson().getJsonObject("error").getString("param"));
        assertEquals("tools[0].headers.X-Key", inHeaders.toJson().getJsonObject("error").getString("param"));
        for (ApiException error : List.of(inAuthorization, inHeaders)) {
            assertTrue(error.getMessage().contains("'docs'"), error.getMessage());
            assertFalse(error.toJson().toString().contains(value.strip()), error.toJson().toString());
        }
    }

    @Test
    void visibleAsciiWithInnerSpacesIsAccepted() {
        RequestMcpTool server = parse("[{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":"
                + "\"http://127.0.0.1:1/mcp\",\"authorization\":\"ey.J-_~+/=\",\"headers\":{\"X-A\":\"a b\\tc\",\"X-B\":\"\"}}]")
                .mcpServers().get(0);
        assertEquals("ey.J-_~+/=", server.authorization());
        assertEquals(Map.of("X-A", "a b\tc", "X-B", ""), server.headers());
    }

    @Test
    void aRefusedServerUrlIsA400NamingTheTool() {
        ApiException error = refused("[{\"type\":\"function\",\"name\":\"f\"},{\"type\":\"mcp\",\"server_label\":\"meta\","
                + "\"server_url\":\"http://169.254.169.254/latest\"}]");

        assertEquals("tools[1].server_url", error.toJson().getJsonObject("error").getString("param"));
        assertTrue(error.getMessage().contains("'meta'"));
    }

    @Test
    void toolboxMarkersAreReadAndCountOncePerName() {
        ToolsParser.Tools tools = parse("[{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":\"foundry-toolbox://calendar?version=2\"},"
                + "{\"type\":\"mcp\",\"server_label\":\"b\",\"server_url\":\"foundry-toolbox://calendar\"},"
                + "{\"type\":\"mcp\",\"server_label\":\"c\",\"server_url\":\"foundry-toolbox://mail\"}]");

        assertEquals(List.of(new ToolboxRef("calendar", "2"), new ToolboxRef("mail", null)), tools.toolboxes());
        assertTrue(tools.mcpServers().isEmpty());
    }

    @Test
    void labelsAreUniqueAndRequired() {
        refused("[{\"type\":\"mcp\",\"server_url\":\"http://127.0.0.1:1/mcp\"}]");
        refused("[{\"type\":\"mcp\",\"server_label\":\"a b\",\"server_url\":\"http://127.0.0.1:1/mcp\"}]");
        refused("[{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":\"http://127.0.0.1:1/mcp\"},"
                + "{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":\"http://127.0.0.1:2/mcp\"}]");
        refused("[{\"type\":\"mcp\",\"server_label\":\"a\"}]");
        refused("[{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":\"http://127.0.0.1:1/mcp\",\"allowed_tools\":[1]}]");
        refused("[{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":\"http://127.0.0.1:1/mcp\",\"require_approval\":\"sometimes\"}]");
    }
}
