package it.io.agenthost.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseTextConfig;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.Tool;
import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parameters that say how the model answers, through the official OpenAI Java SDK: echoed as they were used,
 * honoured by the echo model (structured output, the bound on MCP calls), refused in OpenAI's shape when out of
 * range. That they reach an OpenAI-compatible model is {@code OpenAiChatModelTest}'s to show.
 */
class ModelParametersIT {

    private static final OpenAIClient CLIENT = TestServer.openAi();

    @Test
    void theParametersAreEchoedAsTheyWereUsed() {
        Response response = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant").input("hi")
                .temperature(0.3).topP(0.8).parallelToolCalls(false)
                .reasoning(Reasoning.builder().effort(ReasoningEffort.LOW).build()).maxToolCalls(3L)
                .truncation(ResponseCreateParams.Truncation.AUTO).promptCacheKey("cache-it")
                .safetyIdentifier("user-hash-it").build());

        assertEquals(0.3, response.temperature().orElseThrow());
        assertEquals(0.8, response.topP().orElseThrow());
        assertEquals(false, response.parallelToolCalls());
        assertEquals(ReasoningEffort.LOW, response.reasoning().orElseThrow().effort().orElseThrow());
        assertEquals(3L, response.maxToolCalls().orElseThrow());
        assertEquals(Response.Truncation.AUTO, response.truncation().orElseThrow());
        assertEquals("cache-it", response.promptCacheKey().orElseThrow());
        assertEquals("user-hash-it", response.safetyIdentifier().orElseThrow());

        Response defaults = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant").input("hi")
                .build());
        assertEquals(1.0, defaults.temperature().orElseThrow());
        assertEquals(true, defaults.parallelToolCalls());
    }

    @Test
    void aJsonSchemaIsAnsweredWithJsonItAccepts() {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("answer", Map.of("type", "string"),
                "count", Map.of("type", "integer")), "required", List.of("answer", "count"),
                "additionalProperties", false);
        Response response = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .input("forty-two").text(ResponseTextConfig.builder().format(ResponseFormatTextJsonSchemaConfig
                        .builder().name("reply").schema(ResponseFormatTextJsonSchemaConfig.Schema.builder()
                                .putAllAdditionalProperties(Map.of("type", JsonValue.from("object"),
                                        "properties", JsonValue.from(schema.get("properties")),
                                        "required", JsonValue.from(schema.get("required")),
                                        "additionalProperties", JsonValue.from(false))).build())
                        .strict(true).build()).build()).build());

        JsonObject answer = TestServer.json(TestServer.lastText(response));
        assertEquals("forty-two", answer.getString("answer"));
        assertEquals(0, answer.getInt("count"));
        assertTrue(response.text().orElseThrow().format().orElseThrow().isJsonSchema());
    }

    @Test
    void maxToolCallsBoundsTheMcpCallsOfAResponse() {
        Response response = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .input("/call healthy.add {\"a\":1,\"b\":2}").maxToolCalls(0L)
                .addTool(Tool.Mcp.builder().serverLabel("healthy").serverUrl(System.getProperty("mcp.test.healthy.url"))
                        .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build()).build());

        assertEquals(ResponseStatus.INCOMPLETE, response.status().orElseThrow());
        assertEquals("max_tool_calls", response.incompleteDetails().orElseThrow().reason().orElseThrow().asString());
        assertTrue(response.output().stream().noneMatch(item -> item.isMcpCall()));
    }

    @Test
    void inputTokensAreCountedAsUsageCountsThem() {
        String body = "{\"model\":\"assistant\",\"instructions\":\"Be brief.\",\"input\":\"count these five words\"}";
        HttpResponse<String> counted = TestServer.post("/v1/responses/input_tokens", body);
        assertEquals(200, counted.statusCode(), counted.body());
        JsonObject tokens = TestServer.json(counted.body());
        assertEquals("response.input_tokens", tokens.getString("object"));

        HttpResponse<String> run = TestServer.post("/v1/responses", body.replace("\"model\"", "\"store\":false,\"model\""));
        long usage = TestServer.json(run.body()).getJsonObject("usage").getJsonNumber("input_tokens").longValue();
        assertEquals(usage, tokens.getJsonNumber("input_tokens").longValue());
    }

    @Test
    void valuesOutOfRangeAreRefusedNamingTheParameter() {
        Map<String, String> refused = Map.of(
                "\"temperature\":2.5", "temperature",
                "\"top_p\":-0.1", "top_p",
                "\"temperature\":\"hot\"", "temperature",
                "\"max_tool_calls\":-1", "max_tool_calls",
                "\"truncation\":\"sometimes\"", "truncation",
                "\"reasoning\":{\"effort\":\"extreme\"}", "reasoning.effort",
                "\"text\":{\"format\":{\"type\":\"yaml\"}}", "text.format.type",
                "\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"bad name\",\"schema\":{}}}", "text.format.name",
                "\"safety_identifier\":\"" + "x".repeat(65) + "\"", "safety_identifier",
                "\"parallel_tool_calls\":\"yes\"", "parallel_tool_calls");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            HttpResponse<String> answer = TestServer.post("/v1/responses",
                    "{\"model\":\"assistant\",\"input\":\"x\"," + bad.getKey() + "}");
            assertEquals(400, answer.statusCode(), bad.getKey() + ": " + answer.body());
            assertEquals(bad.getValue(), TestServer.json(answer.body()).getJsonObject("error").getString("param"),
                    bad.getKey());
        }
    }
}
