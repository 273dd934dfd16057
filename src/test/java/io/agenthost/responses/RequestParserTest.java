package io.agenthost.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.model.ToolChoice;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParserTest {

    private final RequestParser parser = new RequestParser(new ServerUrlPolicy(true));

    @Test
    void stringInputIsOneUserMessage() {
        CreateResponseRequest request = parse("{\"model\":\"assistant\",\"input\":\"hi\"}");

        assertEquals("assistant", request.agentName());
        assertEquals(1, request.input().size());
        assertEquals("message", request.input().get(0).getString("type"));
        assertEquals("user", request.input().get(0).getString("role"));
        assertEquals("hi", request.input().get(0).getJsonArray("content").getJsonObject(0).getString("text"));
        assertTrue(request.input().get(0).getString("id").startsWith("msg_"));
        assertTrue(request.store());
        assertFalse(request.stream());
        assertEquals(ToolChoice.AUTO, request.toolChoice());
    }

    @Test
    void theAgentReferenceWinsOverModelAndModelOverMetadata() {
        assertEquals("a", parse("{\"agent\":{\"type\":\"agent_reference\",\"name\":\"a\"},\"model\":\"b\","
                + "\"metadata\":{\"entity_id\":\"c\"},\"input\":\"x\"}").agentName());
        assertEquals("b", parse("{\"model\":\"b\",\"metadata\":{\"entity_id\":\"c\"},\"input\":\"x\"}").agentName());
        assertEquals("c", parse("{\"metadata\":{\"entity_id\":\"c\"},\"input\":\"x\"}").agentName());
        assertNull(parse("{\"input\":\"x\"}").agentName());
    }

    @Test
    void itemsAreNormalizedAndFunctionToolsCollected() {
        CreateResponseRequest request = parse("{\"input\":[{\"role\":\"assistant\",\"content\":\"before\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"42\"}],"
                + "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}],"
                + "\"tool_choice\":{\"type\":\"function\",\"name\":\"f\"},\"stream\":true,\"store\":false,"
                + "\"conversation\":{\"id\":\"conv_1\"},\"max_output_tokens\":10,\"unknown\":[1,2]}");

        assertEquals("output_text", request.input().get(0).getJsonArray("content").getJsonObject(0).getString("type"));
        assertEquals("call_1", request.input().get(1).getString("call_id"));
        assertEquals("f", request.tools().functions().get(0).name());
        assertEquals(ToolChoice.function("f"), request.toolChoice());
        assertTrue(request.stream());
        assertFalse(request.store());
        assertEquals("conv_1", request.conversation());
        assertEquals(10, request.maxOutputTokens());
    }

    @Test
    void nullMeansAbsent() {
        CreateResponseRequest request = parse("{\"input\":\"x\",\"instructions\":null,\"stream\":null,\"tools\":null}");

        assertNull(request.instructions());
        assertFalse(request.stream());
        assertTrue(request.tools().functions().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{bad json                                                          | ",
        "[1,2]                                                              | ",
        "{\"model\":\"a\"}                                                  | input",
        "{\"input\":5}                                                      | input",
        "{\"input\":[5]}                                                    | input[0]",
        "{\"input\":[{\"type\":\"image_generation_call\"}]}                 | input[0].type",
        "{\"input\":[{\"role\":\"robot\",\"content\":\"x\"}]}               | input[0].role",
        "{\"input\":[{\"role\":\"user\"}]}                                  | input[0].content",
        "{\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\"}]}]} | input[0].content[0].text",
        "{\"input\":[{\"type\":\"function_call_output\",\"output\":\"x\"}]} | input[0].call_id",
        "{\"input\":[{\"type\":\"mcp_approval_response\",\"approval_request_id\":\"a\"}]} | input[0].approve",
        "{\"input\":\"x\",\"model\":7}                                      | model",
        "{\"input\":\"x\",\"stream\":\"yes\"}                               | stream",
        "{\"input\":\"x\",\"store\":1}                                      | store",
        "{\"input\":\"x\",\"instructions\":[]}                              | instructions",
        "{\"input\":\"x\",\"tools\":{}}                                     | tools",
        "{\"input\":\"x\",\"tools\":[{\"type\":\"computer\"}]}              | tools[0].type",
        "{\"input\":\"x\",\"tools\":[{\"type\":\"function\",\"name\":\"a b\"}]} | tools[0].name",
        "{\"input\":\"x\",\"tools\":[{\"type\":\"function\",\"name\":\"f\"},{\"type\":\"function\",\"name\":\"f\"}]} | tools[1].name",
        "{\"input\":\"x\",\"tool_choice\":\"sometimes\"}                    | tool_choice",
        "{\"input\":\"x\",\"tool_choice\":{\"type\":\"function\",\"name\":\"g\"}} | tool_choice.name",
        "{\"input\":\"x\",\"metadata\":{\"k\":1}}                           | metadata.k",
        "{\"input\":\"x\",\"max_output_tokens\":0}                          | max_output_tokens",
        "{\"input\":\"x\",\"max_output_tokens\":1.5}                        | max_output_tokens",
        "{\"input\":\"x\",\"max_output_tokens\":99999999999}                | max_output_tokens",
        "{\"input\":\"x\",\"previous_response_id\":\"r\",\"conversation\":\"c\"} | previous_response_id",
        "{\"input\":\"x\",\"conversation\":\"\"}                            | conversation",
        "{\"input\":\"x\",\"agent\":{\"type\":\"other\",\"name\":\"a\"}}    | agent.type",
        "{\"input\":\"x\",\"agent\":{\"type\":\"agent_reference\"}}         | agent.name",
    })
    void badInputIsA400NamingTheField(String body, String param) {
        ApiException error = assertThrows(ApiException.class, () -> parse(body.strip()));

        assertEquals(400, error.status());
        assertEquals("invalid_request_error", error.toJson().getJsonObject("error").getString("type"));
        if (param == null) {
            assertTrue(error.toJson().getJsonObject("error").isNull("param"));
        } else {
            assertEquals(param, error.toJson().getJsonObject("error").getString("param"));
        }
    }

    @Test
    void deepNestingIsRefusedBeforeParsing() {
        ApiException error = assertThrows(ApiException.class,
                () -> parse("{\"input\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));

        assertEquals(400, error.status());
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedRatherThanRepaired() {
        byte[] body = "{\"input\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        ApiException error = assertThrows(ApiException.class, () -> parser.parse(body));

        assertEquals("invalid_json", error.toJson().getJsonObject("error").getString("code"));
    }

    @Test
    void metadataIsLimitedToSixteenPairs() {
        StringBuilder metadata = new StringBuilder("{");
        for (int i = 0; i < 17; i++) {
            metadata.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        metadata.append("}");

        ApiException error = assertThrows(ApiException.class,
                () -> parse("{\"input\":\"x\",\"metadata\":" + metadata + "}"));
        assertEquals("metadata", error.toJson().getJsonObject("error").getString("param"));
    }

    private CreateResponseRequest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
