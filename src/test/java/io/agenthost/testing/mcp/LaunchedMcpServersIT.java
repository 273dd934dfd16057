package io.agenthost.testing.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The MCP servers that the build starts for the integration tests are up and reachable through the system properties
 * the build passes. It only reads, and only from servers whose state other tests do not count on.
 */
class LaunchedMcpServersIT {

    @Test
    void theBuildDeclaredTheTestServers() {
        JsonObject servers = TestMcpServersControl.fromSystemProperties().servers();
        for (String name : List.of("healthy", "flaky", "down", "slow", "other")) {
            assertTrue(servers.containsKey(name), name + " in " + servers);
        }
        assertEquals(System.getProperty("mcp.test.healthy.url"), servers.getJsonObject("healthy").getString("url"));
        assertEquals("other_add", servers.getJsonObject("other").getJsonArray("tools").getString(0));
        assertTrue(servers.containsKey("late"));
    }

    @Test
    void healthyAnswersAndRecordsTheCall() {
        String url = System.getProperty("mcp.test.healthy.url");
        try (McpSyncClient client = connect(url, "Bearer it-probe")) {
            CallToolRequest add = new CallToolRequest("add", Map.of("a", 2, "b", 3));
            assertEquals("5", ((TextContent) client.callTool(add).content().get(0)).text());
        }
        List<RecordedRequest> mine = TestMcpServersControl.fromSystemProperties().requests("healthy").stream()
                .filter(r -> "Bearer it-probe".equals(r.header("authorization")))
                .collect(Collectors.toList());
        assertFalse(mine.isEmpty());
        assertTrue(mine.stream().anyMatch(r -> "tools/call".equals(r.rpcMethod())), mine.toString());
    }

    @Test
    void serverEverythingAnswers() {
        try (McpSyncClient client = connect(System.getProperty("mcp.everything.url"), null)) {
            List<String> tools = client.listTools().tools().stream().map(Tool::name).collect(Collectors.toList());
            assertTrue(tools.contains("echo"), tools.toString());
            String echoed = ((TextContent) client.callTool(new CallToolRequest("echo", Map.of("message", "hi")))
                    .content().get(0)).text();
            assertTrue(echoed.contains("hi"), echoed);
        }
    }

    private static McpSyncClient connect(String url, String authorization) {
        URI uri = URI.create(url);
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(uri.getScheme() + "://" + uri.getAuthority())
                .endpoint(uri.getPath())
                .httpRequestCustomizer((request, method, target, body, context) -> {
                    if (authorization != null) {
                        request.header("Authorization", authorization);
                    }
                })
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }
}
