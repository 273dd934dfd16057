package io.agenthost.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.agent.Agent;
import io.agenthost.agent.AgentCatalog;
import io.agenthost.agent.AgentRunner;
import io.agenthost.agent.MarkerPolicy;
import io.agenthost.agent.RequestServers;
import io.agenthost.background.MemoryEvents;
import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.RequestHeaders;
import io.agenthost.mcp.RetryPolicy;
import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.model.EchoModel;
import io.agenthost.model.ModelClient;
import io.agenthost.model.ModelException;
import io.agenthost.model.ModelReply;
import io.agenthost.model.ModelRequest;
import io.agenthost.run.ConsentSignal;
import io.agenthost.run.RunTokens;
import io.agenthost.store.EventRecord;
import io.agenthost.store.ResponseRecord;
import io.agenthost.store.ResponseRepository;
import io.agenthost.telemetry.AgentTelemetry;
import io.agenthost.testing.TestAgents;
import io.agenthost.toolbox.ToolboxLocator;
import io.agenthost.toolbox.ToolboxRegistry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Runs responses with {@code store: false}, so no database is involved; the stored path is covered by the ITs. */
class ResponseServiceTest {

    private static final Agent ASSISTANT = TestAgents.ASSISTANT;

    private static final McpClientSettings SETTINGS =
            new McpClientSettings("test", "1", Duration.ofSeconds(1), Duration.ofSeconds(1), RetryPolicy.NONE);
    private static final ToolboxRegistry NO_TOOLBOXES = new ToolboxRegistry(List.of(),
            new ToolboxLocator(key -> Optional.empty()), (ref, location) -> RequestHeaders.NONE, SETTINGS, Duration.ZERO, Clock.systemUTC());

    @Test
    void aStreamedTextAnswerHasTheFullEventOrderAndConsecutiveSequenceNumbers() {
        List<JsonObject> events = stream(new EchoModel(), "{\"input\":\"hello big world\",\"store\":false}");

        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed"), types(events));
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).getInt("sequence_number"));
        }
        JsonObject created = events.get(0).getJsonObject("response");
        JsonObject completed = events.get(events.size() - 1).getJsonObject("response");
        assertEquals(created.getString("id"), completed.getString("id"));
        assertTrue(created.getJsonArray("output").isEmpty());
        assertEquals("hello big world", completed.getJsonArray("output").getJsonObject(0).getJsonArray("content")
                .getJsonObject(0).getString("text"));
        String itemId = events.get(2).getJsonObject("item").getString("id");
        assertEquals(itemId, events.get(4).getString("item_id"));
        assertEquals(0, events.get(4).getInt("output_index"));
        assertEquals(0, events.get(4).getInt("content_index"));
    }

    @Test
    void aModelThatFailsMidStreamEndsTheStreamWithResponseFailed() {
        ModelClient failing = new ModelClient() {
            @Override
            public ModelReply complete(ModelRequest request, Consumer<String> textDeltas) {
                textDeltas.accept("partial ");
                throw new ModelException("the model endpoint failed: connection reset", null);
            }

            @Override
            public String providerName() {
                return "failing";
            }
        };

        List<JsonObject> events = stream(failing, "{\"input\":\"x\",\"store\":false}");

        JsonObject last = events.get(events.size() - 1);
        assertEquals("response.failed", last.getString("type"));
        assertEquals("failed", last.getJsonObject("response").getString("status"));
        assertEquals("model_error", last.getJsonObject("response").getJsonObject("error").getString("code"));
        assertEquals(1, types(events).stream().filter(t -> t.startsWith("response.") && (t.endsWith("completed")
                || t.endsWith("failed") || t.endsWith("incomplete"))).count());
    }

    @Test
    void anUnexpectedFaultFailsTheResponseWithoutItsDetails() {
        ModelClient broken = new ModelClient() {
            @Override
            public ModelReply complete(ModelRequest request, Consumer<String> textDeltas) {
                throw new IllegalStateException("secret internal detail");
            }

            @Override
            public String providerName() {
                return "broken";
            }
        };

        List<JsonObject> events = stream(broken, "{\"input\":\"x\",\"store\":false}");

        JsonObject response = events.get(events.size() - 1).getJsonObject("response");
        assertEquals("server_error", response.getJsonObject("error").getString("code"));
        assertTrue(!response.toString().contains("secret internal detail"));
    }

    @Test
    void theOutputTokenLimitEndsTheResponseIncomplete() {
        List<JsonObject> events = stream(new EchoModel(), "{\"input\":\"a b c d\",\"store\":false,\"max_output_tokens\":2}");

        JsonObject last = events.get(events.size() - 1);
        assertEquals("response.incomplete", last.getString("type"));
        assertEquals("max_output_tokens",
                last.getJsonObject("response").getJsonObject("incomplete_details").getString("reason"));
    }

    @Test
    void aFunctionCallIsStreamedAsAnItemWithItsArguments() {
        List<JsonObject> events = stream(new EchoModel(), "{\"input\":\"/call f {\\\"a\\\":1}\",\"store\":false,"
                + "\"tools\":[{\"type\":\"function\",\"name\":\"f\"}]}");

        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed"), types(events));
        JsonObject item = events.get(5).getJsonObject("item");
        assertEquals("function_call", item.getString("type"));
        assertEquals("f", item.getString("name"));
        assertEquals("{\"a\":1}", item.getString("arguments"));
    }

    @Test
    void aStoredStreamIsRecordedAfterItsFirstEventAndBeforeItIsInProgress() {
        MemoryResponses store = MemoryResponses.keyedByAgent();
        List<String> recordedBefore = new ArrayList<>();
        EventSink events = (type, fields) -> {
            if (type.equals("response.created") || type.equals("response.in_progress")) {
                recordedBefore.add(type + " " + (store.size() == 1));
            }
        };
        ResponseService service = service(new EchoModel(), store);

        JsonObject done = service.stream(prepare(service, "{\"input\":\"hi\"}"), events);

        assertEquals(List.of("response.created false", "response.in_progress true"), recordedBefore);
        assertEquals("completed", store.find(done.getString("id")).orElseThrow().status());
    }

    @Test
    void theEventsNotYetStoredAreHandedToTheWriteThatRecordsTheEndBeforeTheTerminalEvent() {
        MemoryEvents stored = new MemoryEvents();
        MemoryResponses store = MemoryResponses.keyedByAgent().storingEventsIn(stored);
        List<String> sent = new ArrayList<>();
        EventRecord unstored = new EventRecord("resp_x", 0, 0, "response.created", "{}", 0);
        EventSink events = new EventSink() {
            @Override
            public void send(String type, jakarta.json.JsonObjectBuilder fields) {
                sent.add(type + (type.equals("response.completed") ? " " + stored.all().size() : ""));
            }

            @Override
            public boolean recordEnd(Predicate<List<EventRecord>> end) {
                sent.add("end recorded");
                return end.test(List.of(unstored));
            }
        };
        ResponseService service = service(new EchoModel(), store);

        JsonObject done = service.stream(prepare(service, "{\"input\":\"hi\"}"), events);

        assertEquals("completed", store.find(done.getString("id")).orElseThrow().status());
        assertEquals(List.of(unstored), stored.all());
        assertEquals(List.of("end recorded", "response.completed 1"), sent.subList(sent.size() - 2, sent.size()));
    }

    @Test
    void aStreamWhoseStoreIsAwayFailsBeforeAnythingRuns() {
        AtomicBoolean modelCalled = new AtomicBoolean();
        ModelClient model = new ModelClient() {
            @Override
            public ModelReply complete(ModelRequest request, Consumer<String> textDeltas) {
                modelCalled.set(true);
                return new EchoModel().complete(request, textDeltas);
            }

            @Override
            public String providerName() {
                return "watched";
            }
        };
        ResponseService service = service(model, new UnavailableStore());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        service.stream(prepare(service, "{\"input\":\"hi\"}"), new NumberedEvents(new SseEventSink(out)::write));

        List<JsonObject> events = parseSse(out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("response.created", "response.failed"), types(events));
        assertEquals("storage_unavailable", events.get(1).getJsonObject("response").getJsonObject("error")
                .getString("code"));
        assertFalse(modelCalled.get());
    }

    @Test
    void anAnswerInOnePieceWhoseStoreIsAwayIsTheRequestsError() {
        ResponseService service = service(new EchoModel(), new UnavailableStore());
        PreparedRun prepared = prepare(service, "{\"input\":\"hi\"}");

        assertThrows(IllegalStateException.class, () -> service.respond(prepared));
    }

    /** A store whose database does not answer. */
    private static final class UnavailableStore implements ResponseRepository {
        @Override
        public void insert(ResponseRecord record) {
            throw new IllegalStateException("the database does not answer");
        }

        @Override
        public boolean finish(String id, String status, String responseJson) {
            throw new IllegalStateException("the database does not answer");
        }

        @Override
        public boolean finish(String id, String status, String responseJson, List<EventRecord> lastEvents) {
            throw new IllegalStateException("the database does not answer");
        }

        @Override
        public boolean start(String id, String responseJson) {
            throw new IllegalStateException("the database does not answer");
        }

        @Override
        public void heartbeat(Collection<String> ids, long now) {
            throw new IllegalStateException("the database does not answer");
        }

        @Override
        public List<ResponseRecord> expired(long before) {
            throw new IllegalStateException("the database does not answer");
        }

        @Override
        public List<String> ended(Collection<String> ids) {
            throw new IllegalStateException("the database does not answer");
        }

        @Override
        public Optional<ResponseRecord> find(String id) {
            throw new IllegalStateException("the database does not answer");
        }

        @Override
        public List<ResponseRecord> conversation(String agent, String conversationId) {
            throw new IllegalStateException("the database does not answer");
        }

        @Override
        public boolean delete(String id) {
            throw new IllegalStateException("the database does not answer");
        }
    }

    private static ResponseService service(ModelClient model, ResponseRepository store) {
        return new ResponseService(new AgentCatalog(List.of(ASSISTANT), name -> Optional.empty()),
                new AgentRunner(model, NO_TOOLBOXES,
                        new RequestServers(SETTINGS, new RunTokens(List.of(), Clock.systemUTC())), Runnable::run,
                        new MarkerPolicy(true, Set.of()), new ConsentSignal(), AgentTelemetry.disabled()),
                store, null, () -> null, Optional.empty(), Duration.ZERO, AgentTelemetry.disabled());
    }

    private static PreparedRun prepare(ResponseService service, String body) {
        return service.prepare(new RequestParser(new ServerUrlPolicy(false)).parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<JsonObject> stream(ModelClient model, String body) {
        ResponseService service = service(model, null);
        PreparedRun prepared = prepare(service, body);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        service.stream(prepared, new NumberedEvents(new SseEventSink(out)::write));
        return parseSse(out.toString(StandardCharsets.UTF_8));
    }

    /** Reads SSE frames, checking that each event's name matches the type in its data. */
    static List<JsonObject> parseSse(String text) {
        List<JsonObject> events = new ArrayList<>();
        for (String frame : text.split("\n\n")) {
            if (frame.isBlank()) {
                continue;
            }
            String[] lines = frame.split("\n");
            assertTrue(lines[0].startsWith("event: "), frame);
            assertTrue(lines[1].startsWith("data: "), frame);
            JsonObject data = Json.createReader(new StringReader(lines[1].substring(6))).readObject();
            assertEquals(lines[0].substring(7), data.getString("type"));
            events.add(data);
        }
        return events;
    }

    static List<String> types(List<JsonObject> events) {
        return events.stream().map(e -> e.getString("type")).toList();
    }
}
