package it.io.agenthost.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.model.ChatMessage;
import io.agenthost.model.ModelClient;
import io.agenthost.model.ModelClientProducer;
import io.agenthost.model.ModelReply;
import io.agenthost.model.ModelRequest;
import io.agenthost.model.ModelSettings;
import io.agenthost.model.OpenAiChatModel;
import io.agenthost.model.OutputFormat;
import io.agenthost.model.ToolChoice;
import io.agenthost.model.ToolSpec;
import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible model client against a real OpenAI-compatible server: llama.cpp's {@code llama-server}, built
 * by the build from the llama.cpp source that the npm package node-llama-cpp ships (src/test/llama/build.sh), serving
 * a tiny llama model with random weights that the build writes. Its words are noise; the form of its answers is not:
 * llama.cpp's grammars make a {@code json_schema} answer valid whatever the weights say.
 */
class LlamaServerIT {

    private static final String BASE = "http://127.0.0.1:" + System.getProperty("llama.server.port");
    private static final ToolSpec ADD = new ToolSpec("add", "Adds two numbers.", TestServer.json(
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},\"b\":{\"type\":\"integer\"}},"
                    + "\"required\":[\"a\",\"b\"]}"));
    private static Process server;
    private static ModelClientProducer producer;
    private static ModelClient model;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("it.llama.skip"), "-Dit.llama.skip=true");
        Path directory = Path.of(System.getProperty("llama.server.dir"));
        server = new ProcessBuilder(directory.resolve("llama-server").toString(), "-m",
                directory.resolve("tiny-random-llama.gguf").toString(), "--host", "127.0.0.1", "--port",
                System.getProperty("llama.server.port"), "--jinja", "-c", "2048", "-np", "1", "-t", "2")
                .redirectErrorStream(true)
                .redirectOutput(Path.of(System.getProperty("llama.server.log")).toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(BASE + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            assertTrue(server.isAlive() && Instant.now().isBefore(deadline), "llama-server did not come up");
            Thread.sleep(200);
        }
        // As the server makes it: llama-server closes the connection after each stream without saying so, and the
        // next request on it fails before anything is sent; the client's retries take a fresh one.
        producer = new ModelClientProducer(Optional.of(BASE + "/v1"), Optional.of("none"), Optional.empty(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(60));
        model = producer.modelClient();
        assertTrue(model instanceof OpenAiChatModel, model.providerName());
    }

    @AfterAll
    static void stop() {
        if (model != null) {
            producer.close(model);
        }
        if (server != null) {
            server.destroy();
        }
    }

    private static ModelRequest request(String prompt, List<ToolSpec> tools, ToolChoice choice, int maxTokens,
            ModelSettings settings) {
        return new ModelRequest("tiny", List.of(new ChatMessage.System("You answer briefly."),
                new ChatMessage.User(prompt)), tools, choice, maxTokens, settings);
    }

    @Test
    void textStreamsInDeltasAndTheUsageIsCounted() {
        List<String> deltas = new ArrayList<>();

        ModelReply reply = model.complete(request("Say something.", List.of(), ToolChoice.AUTO, 12,
                new ModelSettings(0.8, null, OutputFormat.TEXT, null, null, null, null)), deltas::add);

        assertTrue(deltas.size() > 1, deltas.toString());
        assertEquals(String.join("", deltas), reply.text());
        assertTrue(reply.usage().inputTokens() > 5, reply.usage().toString());
        assertTrue(reply.usage().outputTokens() > 0 && reply.usage().outputTokens() <= 12, reply.usage().toString());
        assertTrue(reply.toolCalls().isEmpty());
    }

    /**
     * The tools reach the server in a form it takes: its chat template writes their signatures into the prompt. A
     * call itself cannot be had from random weights: llama-server refuses a named {@code tool_choice} object (it takes
     * only strings, and ignores it), and with {@code "required"} its grammar still lets text come before the call,
     * which noise never ends.
     */
    @Test
    void toolsReachTheModelsPromptThroughItsChatTemplate() {
        ModelReply without = model.complete(request("Add 2 and 3.", List.of(), ToolChoice.AUTO, 4,
                ModelSettings.DEFAULTS), delta -> { });
        ModelReply with = model.complete(request("Add 2 and 3.", List.of(ADD), ToolChoice.REQUIRED, 4,
                ModelSettings.DEFAULTS), delta -> { });

        assertTrue(with.usage().inputTokens() > without.usage().inputTokens() + 30,
                with.usage() + " against " + without.usage());
    }

    @Test
    void aJsonSchemaFormatGivesJsonTheSchemaAccepts() {
        OutputFormat format = new OutputFormat("json_schema", "verdict", TestServer.json(
                "{\"type\":\"object\",\"properties\":{\"verdict\":{\"type\":\"string\",\"enum\":[\"yes\",\"no\"]},"
                        + "\"note\":{\"type\":\"string\",\"maxLength\":8}},\"required\":[\"verdict\",\"note\"],"
                        + "\"additionalProperties\":false}"), true);

        ModelReply reply = model.complete(request("Is the sky blue?", List.of(), ToolChoice.AUTO, 128,
                new ModelSettings(null, null, format, null, null, null, null)), delta -> { });

        JsonObject answer = TestServer.json(reply.text());
        assertTrue(List.of("yes", "no").contains(answer.getString("verdict")), reply.text());
        assertTrue(answer.get("note") instanceof JsonString note && note.getString().length() <= 8, reply.text());
        assertEquals(2, answer.size(), reply.text());
    }
}
