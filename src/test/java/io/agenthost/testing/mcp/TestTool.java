package io.agenthost.testing.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import java.util.Map;
import java.util.function.Function;

/**
 * A tool of a test MCP server, in the terms of neither revision of MCP: {@link JettyMcpHost} offers it through the
 * SDK's server of 2025-11-25 or of 2026-07-28.
 *
 * @param inputSchemaJson its JSON Schema for the arguments, as text
 */
public record TestTool(String name, String description, String inputSchemaJson, Function<Call, Answer> handler) {

    /**
     * One call of the tool.
     *
     * @param context what the server's transport knew of the HTTP request that carried it ({@link JettyMcpHost})
     */
    public record Call(String name, Map<String, Object> arguments, McpTransportContext context) {
    }

    /**
     * What the call answers: text, an error the tool reports, or a request for the user's consent at a link (MCP's
     * URL elicitation: a -32042 error in 2025-11-25, an input-required result in 2026-07-28).
     */
    public record Answer(String text, boolean isError, String consentUrl) {

        public static Answer text(String text) {
            return new Answer(text, false, null);
        }

        public static Answer error(String text) {
            return new Answer(text, true, null);
        }

        /** @param message what the user is told the link is for */
        public static Answer consent(String url, String message) {
            return new Answer(message, false, url);
        }
    }
}
