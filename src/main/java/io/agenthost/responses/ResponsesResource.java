package io.agenthost.responses;

import io.agenthost.agent.AgentCatalog;
import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.run.CallerIdentity;
import io.agenthost.store.ResponseRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
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

/**
 * {@code /v1/responses}: create (JSON or SSE), retrieve, delete, and list input items. The stored-response paths
 * take the agent they act through as the query parameter {@code agent}, which every OpenAI SDK can add.
 */
@Path("/v1/responses")
@ApplicationScoped
public class ResponsesResource {

    private final RequestBody body;
    private final RequestParser parser;
    private final ResponseService responses;
    private final StoredResponses stored;

    @Inject
    public ResponsesResource(RequestBody body, ResponseService responses, AgentCatalog agents,
            ResponseRepository store, ServerUrlPolicy urlPolicy, CallerIdentity caller) {
        this.body = body;
        this.responses = responses;
        this.stored = new StoredResponses(agents, store, caller);
        this.parser = new RequestParser(urlPolicy);
    }

    /** For CDI proxies only. */
    protected ResponsesResource() {
        this.body = null;
        this.responses = null;
        this.stored = null;
        this.parser = null;
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    public Response create(InputStream in) {
        CreateResponseRequest request = parser.parse(body.read(in));
        PreparedRun prepared = responses.prepare(request);
        if (!request.stream()) {
            return Response.ok(responses.respond(prepared), MediaType.APPLICATION_JSON_TYPE).build();
        }
        StreamingOutput stream = out -> responses.stream(prepared, new SseEventSink(out));
        return Response.ok(stream, MediaType.SERVER_SENT_EVENTS_TYPE)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonValue retrieve(@PathParam("id") String id, @QueryParam("agent") String agent) {
        return stored.retrieve(id, agent);
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
            @QueryParam("limit") @DefaultValue("20") int limit, @QueryParam("order") @DefaultValue("desc") String order,
            @QueryParam("after") String after) {
        return stored.inputItems(id, agent, limit, order, after);
    }
}
