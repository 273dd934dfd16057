package io.agenthost.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.mcp.McpCallResult;
import io.agenthost.mcp.McpTool;
import io.agenthost.mcp.McpToolSource;
import io.agenthost.model.ToolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolCatalogTest {

    private static McpToolSource source(String label) {
        return new McpToolSource() {
            @Override
            public String label() {
                return label;
            }

            @Override
            public List<McpTool> tools() {
                return List.of();
            }

            @Override
            public McpCallResult call(String tool, String arguments) {
                return new McpCallResult("", false);
            }
        };
    }

    private static McpTool tool(String name) {
        return new McpTool(name, "", null, null);
    }

    @Test
    void uniqueNamesStayAndSharedOnesAreQualifiedByServer() {
        McpToolSource everything = source("everything");
        McpToolSource other = source("other");
        Map<McpToolSource, List<McpTool>> tools = new LinkedHashMap<>();
        tools.put(everything, List.of(tool("echo"), tool("get-sum")));
        tools.put(other, List.of(tool("echo"), tool("odd name!")));

        ToolCatalog catalog = new ToolCatalog(List.of(new ToolSpec("lookup", "", null)), tools);

        assertEquals(List.of("lookup", "everything__echo", "get-sum", "other__echo", "odd_name_"),
                catalog.specs().stream().map(ToolSpec::name).toList());
        assertTrue(catalog.find("lookup").isFunction());
        assertSame(other, catalog.find("other__echo").source());
        assertEquals("echo", catalog.find("other__echo").tool());
        assertEquals("odd name!", catalog.find("odd_name_").tool());
        assertNull(catalog.find("echo"));
    }
}
