package io.agenthost.testing.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/** The tools every test MCP server offers unless told otherwise, and helpers to declare more. */
public final class TestTools {

    private static final long SLEEP_SLICE_MS = 50;

    static final String NO_ARGUMENTS = "{\"type\":\"object\",\"properties\":{}}";

    private TestTools() {
    }

    /** add, whoami, fail, sleep and fingerprint, each name preceded by the prefix (which may be empty). */
    public static List<SyncToolSpecification> standard(String prefix) {
        return List.of(
                tool(prefix + "add", "Adds two numbers.",
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},"
                                + "\"required\":[\"a\",\"b\"]}",
                        (exchange, call) -> text(sum(call.arguments()))),
                tool(prefix + "whoami", "Tells the Authorization header that carried this call.", NO_ARGUMENTS,
                        (exchange, call) -> text(authorization(exchange))),
                tool(prefix + "fail", "Always fails.", NO_ARGUMENTS,
                        (exchange, call) -> CallToolResult.builder().isError(true)
                                .addTextContent("tool failed on purpose").build()),
                tool(prefix + "sleep", "Sleeps for ms milliseconds, then answers; gives up when the client goes.",
                        "{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\"}},\"required\":[\"ms\"]}",
                        (exchange, call) -> text(sleep(exchange, call.name(), call.arguments()))),
                tool(prefix + "fingerprint", "Tells the SHA-256 of the Authorization header that carried this call:"
                        + " an answer that names the caller's credential and can be stored.", NO_ARGUMENTS,
                        (exchange, call) -> text(fingerprint(authorization(exchange)))));
    }

    /** The lowercase hex SHA-256 of the text, as the fingerprint tool answers it. */
    public static String fingerprint(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A tool with a JSON Schema for its input given as text. */
    public static SyncToolSpecification tool(String name, String description, String inputSchemaJson,
            BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> handler) {
        Tool tool = Tool.builder().name(name).description(description)
                .inputSchema(McpJsonDefaults.getMapper(), inputSchemaJson).build();
        return SyncToolSpecification.builder().tool(tool).callHandler(handler).build();
    }

    /** A tool that declares no arguments (any it is sent reach the answer) and answers with text. */
    public static SyncToolSpecification textTool(String name, String description,
            Function<Map<String, Object>, String> answer) {
        return tool(name, description, NO_ARGUMENTS, (exchange, call) -> text(answer.apply(call.arguments())));
    }

    public static CallToolResult text(String text) {
        return CallToolResult.builder().addTextContent(text).isError(false).build();
    }

    private static String sum(Map<String, Object> arguments) {
        BigDecimal a = new BigDecimal(String.valueOf(arguments.get("a")));
        BigDecimal b = new BigDecimal(String.valueOf(arguments.get("b")));
        return a.add(b).stripTrailingZeros().toPlainString();
    }

    private static String authorization(McpSyncServerExchange exchange) {
        Object value = exchange.transportContext().get(JettyMcpHost.AUTHORIZATION);
        return value == null ? "anonymous" : value.toString();
    }

    /** Sleeps in slices, looking after each whether the client is still there, as a server that streams would. */
    @SuppressWarnings("unchecked")
    private static String sleep(McpSyncServerExchange exchange, String tool, Map<String, Object> arguments) {
        long ms = ((Number) arguments.get("ms")).longValue();
        BooleanSupplier clientGone = (BooleanSupplier) exchange.transportContext().get(JettyMcpHost.CLIENT_GONE);
        long deadline = System.nanoTime() + ms * 1_000_000;
        try {
            for (long left = ms; left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                Thread.sleep(Math.min(left, SLEEP_SLICE_MS));
                if (clientGone != null && clientGone.getAsBoolean()) {
                    ((Consumer<String>) exchange.transportContext().get(JettyMcpHost.ABANDONED)).accept(tool);
                    return "abandoned after less than " + ms;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sleeping", e);
        }
        return "slept " + ms;
    }
}
