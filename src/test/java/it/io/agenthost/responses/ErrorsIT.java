package it.io.agenthost.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseDeleteParams;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseRetrieveParams;
import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets the OpenAI error shape with the right status, and changes nothing. */
class ErrorsIT {

    private static final OpenAIClient CLIENT = TestServer.openAi();

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void anUnknownAgentIsModelNotFound() {
        NotFoundException error = assertThrows(NotFoundException.class, () -> CLIENT.responses().create(
                ResponseCreateParams.builder().model("no-such-agent").input("hi").build()));

        assertEquals(404, error.statusCode());
        assertEquals("model_not_found", error.code().orElseThrow());
        assertEquals("model", error.param().orElseThrow());
    }

    @Test
    void anUnknownPreviousResponseIsNotFound() {
        NotFoundException error = assertThrows(NotFoundException.class, () -> CLIENT.responses().create(
                ResponseCreateParams.builder().model("assistant").input("hi").previousResponseId("resp_missing").build()));

        assertEquals("previous_response_id", error.param().orElseThrow());
    }

    @Test
    void anOutputForACallThatWasNeverMadeIsRefused() {
        BadRequestException error = assertThrows(BadRequestException.class, () -> CLIENT.responses().create(
                ResponseCreateParams.builder().model("assistant").inputOfResponse(List.of(
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId("call_nobody_made").output("x").build()))).build()));

        assertEquals("input[0].call_id", error.param().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{not json                                                   | 400 | ",
        "\"a string\"                                                | 400 | ",
        "{\"model\":\"assistant\"}                                   | 400 | input",
        "{\"model\":\"assistant\",\"input\":{\"role\":\"user\"}}     | 400 | input",
        "{\"model\":\"assistant\",\"input\":\"x\",\"stream\":\"yes\"} | 400 | stream",
        "{\"model\":\"assistant\",\"input\":\"x\",\"tools\":[{\"type\":\"function\"}]} | 400 | tools[0].name",
        "{\"model\":[],\"input\":\"x\"}                              | 400 | model",
    })
    void malformedRequestsGetTheErrorShape(String body, int status, String param) {
        HttpResponse<String> response = TestServer.post("/v1/responses", body.strip());

        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonObject error = TestServer.json(response.body()).getJsonObject("error");
        assertEquals("invalid_request_error", error.getString("type"));
        assertTrue(error.getString("message").length() > 10);
        if (param == null) {
            assertTrue(error.isNull("param"));
        } else {
            assertEquals(param, error.getString("param"));
        }
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String huge = "{\"model\":\"assistant\",\"input\":\"" + "a".repeat(1024 * 1024 + 1) + "\"}";

        HttpResponse<String> response = TestServer.post("/v1/responses", huge);

        assertEquals(413, response.statusCode());
        assertEquals("request_too_large", TestServer.json(response.body()).getJsonObject("error").getString("code"));
    }

    @Test
    void unknownPathsAndMethodsAnswerInTheErrorShapeToo() {
        HttpResponse<String> missing = TestServer.get("/v1/nothing-here");
        assertEquals(404, missing.statusCode());
        assertTrue(TestServer.json(missing.body()).containsKey("error"));

        HttpResponse<String> wrongMethod = TestServer.send(HttpRequest.newBuilder(
                URI.create(TestServer.BASE + "/v1/responses")).PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(405, wrongMethod.statusCode());
        assertTrue(TestServer.json(wrongMethod.body()).containsKey("error"));
    }

    @Test
    void anUnknownResponseIdIsNotFoundOnEveryPath() {
        assertThrows(NotFoundException.class, () -> CLIENT.responses().retrieve(ResponseRetrieveParams.builder()
                .responseId("resp_nope").putAdditionalQueryParam("agent", "assistant").build()));
        assertThrows(NotFoundException.class, () -> CLIENT.responses().delete(ResponseDeleteParams.builder()
                .responseId("resp_nope").putAdditionalQueryParam("agent", "assistant").build()));
        assertEquals(404, TestServer.get("/v1/responses/resp_nope/input_items?agent=assistant").statusCode());
    }

    @Test
    void theBenchmarksBareStreamIsOffOutsideTheBenchmark() {
        assertEquals(404, TestServer.get("/bench/sse?events=3").statusCode());
        HttpResponse<String> posted = TestServer.post("/bench/sse?events=3", "{\"model\":\"assistant\"}");
        assertEquals(404, posted.statusCode());
        assertTrue(TestServer.json(posted.body()).containsKey("error"));
    }
}
