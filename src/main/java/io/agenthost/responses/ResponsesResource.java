package io.agenthost.responses;

import io.agenthost.agent.AgentCatalog;
import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.run.CallerIdentity;
import io.agenthost.run.PlatformCall;
import io.agenthost.store.EventRepository;
import io.agenthost.store.ResponseRecord;
import io.agenthost.store.ResponseRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * {@code /v1/responses}: create (JSON or SSE), retrieve, delete, and list input items. The stored-response paths
 * take the agent they act through as the query parameter {@code agent}, which every OpenAI SDK can add. The same
 * paths without {@code /v1} are the hosted-agent platform's (container protocol 2.0.0), served by this same resource.
 */
@Path("/{version: (v1/)?}responses")
@ApplicationScoped
public class ResponsesResource {

    /** The hosted-agent session of the response, on every answer that creates one. */
    static final String SESSION_HEADER = "x-agent-session-id";
    private static final Pattern RESPONSE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final RequestBody body;
    private final RequestParser parser;
    private final ResponseService responses;
    private final StoredResponses stored;
    private final PlatformCall platform;
    private final SseKeepAlive keepAlive;
    private final BackgroundResponses background;

    @Inject
    public ResponsesResource(RequestBody body, ResponseService responses, AgentCatalog agents,
            ResponseRepository store, ServerUrlPolicy urlPolicy, CallerIdentity caller, PlatformCall platform,
            SseKeepAlive keepAlive, BackgroundResponses background, EventRepository events) {
        this.background = background;
        this.platform = platform;
        this.keepAlive = keepAlive;
        this.body = body;
        this.responses = responses;
        this.stored = new StoredResponses(agents, store, caller, events);
        this.parser = new RequestParser(urlPolicy);
    }

    /** For CDI proxies only. */
    protected ResponsesResource() {
        this.body = null;
        this.responses = null;
        this.stored = null;
        this.parser = null;
        this.platform = null;
        this.keepAlive = null;
        this.background = null;
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    public Response create(InputStream in) {
        CreateResponseRequest request = parser.parse(body.read(in));
        PreparedRun prepared = responses.prepare(request, platformResponseId());
        String session = prepared.response().sessionId();
        if (request.background()) {
            JsonObject queued = background.start(prepared);
            if (!request.stream()) {
                return Response.ok(queued, MediaType.APPLICATION_JSON_TYPE).header(SESSION_HEADER, session).build();
            }
            ResponseRecord record = prepared.record();
            return stream(sink -> background.follow(record, -1, sink)).header(SESSION_HEADER, session).build();
        }
        if (!request.stream()) {
            return Response.ok(responses.respond(prepared), MediaType.APPLICATION_JSON_TYPE)
                    .header(SESSION_HEADER, session).build();
        }
        if (request.store()) {
            return stream(sink -> background.stream(prepared, sink)).header(SESSION_HEADER, session).build();
        }
        return stream(sink -> responses.stream(prepared, new NumberedEvents(sink::write)))
                .header(SESSION_HEADER, session).build();
    }

    /** What writes the events of one stream. */
    @FunctionalInterface
    private interface StreamWriter {
        void write(SseEventSink sink) throws InterruptedException;
    }

    private Response.ResponseBuilder stream(StreamWriter writer) {
        StreamingOutput stream = out -> {
            SseEventSink sink = new SseEventSink(out);
            Runnable stopKeepingAlive = keepAlive.start(sink);
            try {
                writer.write(sink);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopKeepingAlive.run();
            }
        };
        return Response.ok(stream, MediaType.SERVER_SENT_EVENTS_TYPE)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no");
    }

    /** How many input tokens a create request would take, counted as its usage would count them. */
    @POST
    @Path("input_tokens")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject inputTokens(InputStream in) {
        return responses.inputTokens(parser.parse(body.read(in)));
    }

    /** The id the hosted-agent platform chose for the response, checked as an id; null off the platform. */
    private String platformResponseId() {
        String id = platform.responseId();
        if (id != null && !RESPONSE_ID.matcher(id).matches()) {
            throw ApiException.badRequest("The header x-agent-response-id must be 1 to 128 letters, digits, '_' or"
                    + " '-'.", null, "invalid_response_id");
        }
        return id;
    }

    /**
     * The stored response; with {@code stream=true} its events instead, from the one after {@code starting_after}
     * (from the first without it), following the run live to its terminal event.
     */
    @GET
    @Path("{id}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    public Response retrieve(@PathParam("id") String id, @QueryParam("agent") String agent,
            @QueryParam("stream") String stream, @QueryParam("starting_after") String startingAfter) {
        boolean streamed = QueryValues.bool(stream, "stream");
        if (!streamed) {
            return Response.ok(stored.retrieve(id, agent), MediaType.APPLICATION_JSON_TYPE).build();
        }
        int after = startingAfter == null ? -1 : QueryValues.sequenceNumber(startingAfter, "starting_after");
        ResponseRecord record = stored.owned(id, agent);
        if (!record.hasEvents()) {
            throw ApiException.badRequest("Response '" + id + "' was created without 'stream' or 'background': it"
                    + " has no events to stream.", "stream");
        }
        return stream(sink -> background.follow(record, after, sink)).build();
    }

    @POST
    @Path("{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject cancel(@PathParam("id") String id, @QueryParam("agent") String agent)
            throws InterruptedException {
        return background.cancel(stored.owned(id, agent));
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject delete(@PathParam("id") String id, @QueryParam("agent") String agent) {
        return stored.delete(id, agent);
    }

    @GET
    @Path("{id}/input_items")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject inputItems(@PathParam("id") String id, @QueryParam("agent") String agent,
            @QueryParam("limit") String limit, @QueryParam("order") String order, @QueryParam("after") String after) {
        return stored.inputItems(id, agent, QueryValues.limit(limit), QueryValues.order(order), after);
    }
}
