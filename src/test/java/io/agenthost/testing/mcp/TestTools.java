package io.agenthost.testing.mcp;

import io.agenthost.testing.mcp.TestTool.Answer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
    public static List<TestTool> standard(String prefix) {
        return List.of(
                new TestTool(prefix + "add", "Adds two numbers.",
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},"
                                + "\"required\":[\"a\",\"b\"]}",
                        call -> Answer.text(sum(call.arguments()))),
                new TestTool(prefix + "whoami", "Tells the Authorization header that carried this call.", NO_ARGUMENTS,
                        call -> Answer.text(authorization(call))),
                new TestTool(prefix + "fail", "Always fails.", NO_ARGUMENTS,
                        call -> Answer.error("tool failed on purpose")),
                new TestTool(prefix + "sleep", "Sleeps for ms milliseconds, then answers; gives up when the client goes.",
                        "{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\"}},\"required\":[\"ms\"]}",
                        call -> Answer.text(sleep(call))),
                new TestTool(prefix + "fingerprint", "Tells the SHA-256 of the Authorization header that carried this call:"
                        + " an answer that names the caller's credential and can be stored.", NO_ARGUMENTS,
                        call -> Answer.text(fingerprint(authorization(call)))));
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

    /** A tool that declares no arguments (any it is sent reach the answer) and answers with text. */
    public static TestTool textTool(String name, String description, Function<Map<String, Object>, String> answer) {
        return new TestTool(name, description, NO_ARGUMENTS, call -> Answer.text(answer.apply(call.arguments())));
    }

    private static String sum(Map<String, Object> arguments) {
        BigDecimal a = new BigDecimal(String.valueOf(arguments.get("a")));
        BigDecimal b = new BigDecimal(String.valueOf(arguments.get("b")));
        return a.add(b).stripTrailingZeros().toPlainString();
    }

    private static String authorization(TestTool.Call call) {
        Object value = call.context().get(JettyMcpHost.AUTHORIZATION);
        return value == null ? "anonymous" : value.toString();
    }

    /** Sleeps in slices, looking after each whether the client is still there, as a server that streams would. */
    @SuppressWarnings("unchecked")
    private static String sleep(TestTool.Call call) {
        long ms = ((Number) call.arguments().get("ms")).longValue();
        BooleanSupplier clientGone = (BooleanSupplier) call.context().get(JettyMcpHost.CLIENT_GONE);
        long deadline = System.nanoTime() + ms * 1_000_000;
        try {
            for (long left = ms; left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                Thread.sleep(Math.min(left, SLEEP_SLICE_MS));
                if (clientGone != null && clientGone.getAsBoolean()) {
                    ((Consumer<String>) call.context().get(JettyMcpHost.ABANDONED)).accept(call.name());
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
