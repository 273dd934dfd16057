package io.agenthost.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Chat Completions client against a fake Chat Completions server that runs inside this test: no hosted
 * model can be reached from here, so the fake plays one, answering with recorded-shape streaming chunks.
 */
class OpenAiChatModelTest {

    private HttpServer server;
    private final AtomicReference<String> requestBody = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private volatile List<String> chunks = List.of();
    private volatile int status = 200;
    /** Answers with {@link #status} this many times before answering 200. */
    private final AtomicInteger failures = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long stallMillis;
    private volatile boolean plainJson;
    private final AtomicReference<String> azureRequest = new AtomicReference<>();
    private OpenAiChatModel model;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            requestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            requests.incrementAndGet();
            if (status != 200 && failures.getAndDecrement() > 0) {
                byte[] error = ("{\"error\":{\"message\":\"overloaded, key sk-...test\",\"type\":\"server_error\","
                        + "\"code\":\"overloaded\"}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Retry-After", "0");
                exchange.sendResponseHeaders(status, error.length);
                exchange.getResponseBody().write(error);
                exchange.close();
                return;
            }
            stream(exchange);
        });
        server.createContext("/openai/", exchange -> {
            azureRequest.set(exchange.getRequestURI() + " api-key=" + exchange.getRequestHeaders().getFirst("api-key")
                    + " authorization=" + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            stream(exchange);
        });
        server.start();
        model = new OpenAiChatModel(ChatCompletionsEndpoint.openAi("http://127.0.0.1:" + server.getAddress().getPort()
                + "/v1", "test-key"), Duration.ofSeconds(10), 0);
    }

    private void stream(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        if (plainJson) {
            byte[] json = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            exchange.getResponseBody().write(json);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String chunk : chunks) {
                out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (stallMillis > 0) {
                    sleep(stallMillis);
                }
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() {
        model.close();
        server.stop(0);
    }

    @Test
    void streamsTextAndReportsUsage() {
        chunks = List.of(chunk("{\"role\":\"assistant\",\"content\":\"Hel\"}", null),
                chunk("{\"content\":\"lo\"}", null),
                chunk("{}", "\"stop\""),
                "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}");
        List<String> deltas = new ArrayList<>();

        ModelReply reply = model.complete(new ModelRequest("gpt-test",
                List.of(new ChatMessage.System("be brief"), new ChatMessage.User("hi")), List.of(), ToolChoice.AUTO, 50),
                deltas::add);

        assertEquals(List.of("Hel", "lo"), deltas);
        assertEquals("Hello", reply.text());
        assertEquals(new Usage(5, 2), reply.usage());
        assertEquals(ModelReply.FinishReason.STOP, reply.finishReason());
        assertEquals("Bearer test-key", authorization.get());
        JsonObject sent = parse(requestBody.get());
        assertEquals("gpt-test", sent.getString("model"));
        assertTrue(sent.getBoolean("stream"));
        assertTrue(sent.getJsonObject("stream_options").getBoolean("include_usage"));
        assertEquals(50, sent.getInt("max_completion_tokens"));
        assertEquals("system", sent.getJsonArray("messages").getJsonObject(0).getString("role"));
        assertEquals("hi", sent.getJsonArray("messages").getJsonObject(1).getString("content"));
    }

    @Test
    void assemblesToolCallsFromFragmentsAndSendsToolHistory() {
        chunks = List.of(
                chunk("{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\"\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":\\\"Paris\\\"}\"}}]}", null),
                chunk("{}", "\"tool_calls\""));
        ToolSpec weather = new ToolSpec("get_weather", "Weather for a city",
                Json.createObjectBuilder().add("type", "object").add("properties", Json.createObjectBuilder()
                        .add("city", Json.createObjectBuilder().add("type", "string"))).build());

        ModelReply reply = model.complete(new ModelRequest("gpt-test", List.of(
                new ChatMessage.User("weather?"),
                new ChatMessage.Assistant("", List.of(new ToolCall("call_0", "get_weather", "{}"))),
                new ChatMessage.ToolResult("call_0", "get_weather", "rainy")),
                List.of(weather), ToolChoice.function("get_weather"), null), d -> {
                });

        assertEquals(List.of(new ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}")), reply.toolCalls());
        assertEquals(ModelReply.FinishReason.TOOL_CALLS, reply.finishReason());
        JsonObject sent = parse(requestBody.get());
        JsonArray messages = sent.getJsonArray("messages");
        assertEquals("call_0", messages.getJsonObject(1).getJsonArray("tool_calls").getJsonObject(0).getString("id"));
        assertEquals("tool", messages.getJsonObject(2).getString("role"));
        assertEquals("call_0", messages.getJsonObject(2).getString("tool_call_id"));
        JsonObject function = sent.getJsonArray("tools").getJsonObject(0).getJsonObject("function");
        assertEquals("get_weather", function.getString("name"));
        assertEquals("string", function.getJsonObject("parameters").getJsonObject("properties")
                .getJsonObject("city").getString("type"));
        assertEquals("get_weather", sent.getJsonObject("tool_choice").getJsonObject("function").getString("name"));
    }

    @Test
    void theClientsSettingsReachTheModelAsChatCompletionsFields() {
        chunks = List.of(chunk("{\"role\":\"assistant\",\"content\":\"{}\"}", "\"stop\""));
        JsonObject schema = parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                + "\"required\":[\"city\"],\"additionalProperties\":false}");
        ModelSettings settings = new ModelSettings(0.2, 0.9, new OutputFormat("json_schema", "place", schema, true),
                false, "low", "cache-1", "user-hash-1");

        model.complete(new ModelRequest("gpt-test", List.of(new ChatMessage.User("where?")),
                List.of(new ToolSpec("get_weather", "Weather", null)), ToolChoice.AUTO, null, settings), delta -> { });

        JsonObject sent = parse(requestBody.get());
        assertEquals(0.2, sent.getJsonNumber("temperature").doubleValue());
        assertEquals(0.9, sent.getJsonNumber("top_p").doubleValue());
        JsonObject format = sent.getJsonObject("response_format");
        assertEquals("json_schema", format.getString("type"));
        assertEquals("place", format.getJsonObject("json_schema").getString("name"));
        assertEquals(schema, format.getJsonObject("json_schema").getJsonObject("schema"));
        assertEquals(true, format.getJsonObject("json_schema").getBoolean("strict"));
        assertEquals(false, sent.getBoolean("parallel_tool_calls"));
        assertEquals("low", sent.getString("reasoning_effort"));
        assertEquals("cache-1", sent.getString("prompt_cache_key"));
        assertEquals("user-hash-1", sent.getString("safety_identifier"));
    }

    @Test
    void whatTheClientDidNotAskForIsNotSent() {
        chunks = List.of(chunk("{\"role\":\"assistant\",\"content\":\"hi\"}", "\"stop\""));

        model.complete(new ModelRequest("gpt-test", List.of(new ChatMessage.User("hi")), List.of(), ToolChoice.AUTO,
                null), delta -> { });

        JsonObject sent = parse(requestBody.get());
        for (String field : List.of("temperature", "top_p", "response_format", "parallel_tool_calls",
                "reasoning_effort", "prompt_cache_key", "safety_identifier")) {
            assertFalse(sent.containsKey(field), field);
        }
    }

    @Test
    void anEndpointErrorBecomesAModelErrorWithoutItsKeyOrItsMessage() {
        status = 503;

        ModelException error = assertThrows(ModelException.class, () -> model.complete(hi(), d -> {
        }));

        assertEquals("the model endpoint failed: HTTP 503 (server_error, overloaded)", error.getMessage());
        assertFalse(error.getMessage().contains("test-key"));
    }

    @Test
    void anOverloadedEndpointIsAskedAgainAfterTheWaitItNames() {
        OpenAiChatModel retrying = new OpenAiChatModel(ChatCompletionsEndpoint.openAi("http://127.0.0.1:"
                + server.getAddress().getPort() + "/v1", "test-key"), Duration.ofSeconds(10), 2);
        status = 429;
        failures.set(2);
        chunks = List.of(chunk("{\"role\":\"assistant\",\"content\":\"ok\"}", "\"stop\""));

        assertEquals("ok", retrying.complete(hi(), d -> { }).text());
        assertEquals(3, requests.get());

        failures.set(3);
        assertThrows(ModelException.class, () -> retrying.complete(hi(), d -> { }), "two retries, no more");
        assertEquals(6, requests.get());
        retrying.close();
    }

    @Test
    void anAnswerThatStallsIsGivenUp() {
        OpenAiChatModel impatient = new OpenAiChatModel(ChatCompletionsEndpoint.openAi("http://127.0.0.1:"
                + server.getAddress().getPort() + "/v1", null), Duration.ofSeconds(1), 0);
        chunks = List.of(chunk("{\"role\":\"assistant\",\"content\":\"Hel\"}", null),
                chunk("{\"content\":\"lo\"}", "\"stop\""));
        stallMillis = 3_000;

        ModelException error = assertThrows(ModelException.class, () -> impatient.complete(hi(), d -> { }));
        assertEquals("the model endpoint sent nothing for 1 s", error.getMessage());
        assertEquals(null, authorization.get(), "no key, no header");
        impatient.close();
    }

    @Test
    void aSlowReaderOfTheTextIsNoStalledModel() {
        OpenAiChatModel impatient = new OpenAiChatModel(ChatCompletionsEndpoint.openAi("http://127.0.0.1:"
                + server.getAddress().getPort() + "/v1", null), Duration.ofSeconds(1), 0);
        chunks = List.of(chunk("{\"role\":\"assistant\",\"content\":\"Hel\"}", null),
                chunk("{\"content\":\"lo\"}", "\"stop\""));

        assertEquals("Hello", impatient.complete(hi(), delta -> sleep(2_500)).text());
        impatient.close();
    }

    @Test
    void anAnswerThatIsNoStreamIsAnError() {
        plainJson = true;

        ModelException error = assertThrows(ModelException.class, () -> model.complete(hi(), d -> { }));
        assertEquals("the model endpoint answered without a stream of chunks", error.getMessage());
    }

    @Test
    void azureOpenAiNamesTheDeploymentAndTheApiVersionAndTakesItsKeyAsApiKey() {
        chunks = List.of(chunk("{\"role\":\"assistant\",\"content\":\"ok\"}", "\"stop\""));
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        try (OpenAiChatModel classic = new OpenAiChatModel(ChatCompletionsEndpoint.azureKey(base + "/", null,
                "azure-key"), Duration.ofSeconds(5), 0)) {
            classic.complete(hi(), d -> { });
        }
        assertEquals("/openai/deployments/gpt-test/chat/completions?api-version="
                + ChatCompletionsEndpoint.AZURE_API_VERSION + " api-key=azure-key authorization=null",
                azureRequest.get());

        try (OpenAiChatModel v1 = new OpenAiChatModel(ChatCompletionsEndpoint.azureEntra(base + "/openai/v1", null,
                () -> "entra-token"), Duration.ofSeconds(5), 0)) {
            v1.complete(hi(), d -> { });
        }
        assertEquals("/openai/v1/chat/completions api-key=null authorization=Bearer entra-token", azureRequest.get());
    }

    @Test
    void theProviderIsNamedAsTheGenAiConventionsNameIt() {
        try (OpenAiChatModel openAi = new OpenAiChatModel(ChatCompletionsEndpoint.openAi(null, "k"),
                Duration.ofSeconds(5), 0);
                OpenAiChatModel azure = new OpenAiChatModel(ChatCompletionsEndpoint.azureKey(
                        "https://r.openai.azure.com", null, "k"), Duration.ofSeconds(5), 0);
                OpenAiChatModel azureV1 = new OpenAiChatModel(ChatCompletionsEndpoint.azureEntra(
                        "https://r.openai.azure.com/openai/v1", null, () -> "t"), Duration.ofSeconds(5), 0)) {
            assertEquals("openai", openAi.providerName());
            assertEquals("azure.ai.openai", azure.providerName());
            assertEquals("azure.ai.openai", azureV1.providerName());
        }
        assertEquals("agent-host.echo", new EchoModel().providerName());
    }

    private static ModelRequest hi() {
        return new ModelRequest("gpt-test", List.of(new ChatMessage.User("hi")), List.of(), ToolChoice.AUTO, null);
    }

    private static String chunk(String delta, String finishReason) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + delta + ",\"finish_reason\":" + finishReason + "}]}";
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
