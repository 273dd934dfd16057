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

    @Test
    void namesThatCuttingOrCleaningMakesOneAreNumberedAndNoToolIsDropped() {
        String longName = "x".repeat(70);
        McpToolSource a = source("a");
        McpToolSource b = source("b");
        Map<McpToolSource, List<McpTool>> tools = new LinkedHashMap<>();
        tools.put(a, List.of(tool(longName + "_one"), tool(longName + "_two"), tool("x.y"), tool("x_y")));
        tools.put(b, List.of(tool("x.y")));

        ToolCatalog catalog = new ToolCatalog(List.of(), tools);

        List<String> names = catalog.specs().stream().map(ToolSpec::name).toList();
        assertEquals(5, names.size(), names.toString());
        assertEquals(5, names.stream().distinct().count(), names.toString());
        assertTrue(names.stream().allMatch(name -> name.length() <= 64), names.toString());
        assertEquals(longName + "_one", catalog.find(names.get(0)).tool());
        assertEquals(longName + "_two", catalog.find(names.get(1)).tool());
        assertEquals(List.of("x.y", "x_y", "x.y"), names.subList(2, 5).stream().map(n -> catalog.find(n).tool()).toList());
        assertSame(b, catalog.find(names.get(4)).source());
    }
}
