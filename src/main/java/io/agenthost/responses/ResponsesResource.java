package io.agenthost.responses;

import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.store.ResponseRecord;
import io.agenthost.store.ResponseStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** {@code /v1/responses}: create (JSON or SSE), retrieve, delete, and list input items. */
@Path("/v1/responses")
@ApplicationScoped
public class ResponsesResource {

    private final RequestBody body;
    private final RequestParser parser;
    private final ResponseService responses;
    private final ResponseStore store;

    @Inject
    public ResponsesResource(RequestBody body, ResponseService responses, ResponseStore store, ServerUrlPolicy urlPolicy) {
        this.body = body;
        this.responses = responses;
        this.store = store;
        this.parser = new RequestParser(urlPolicy);
    }

    /** For CDI proxies only. */
    protected ResponsesResource() {
        this.body = null;
        this.responses = null;
        this.store = null;
        this.parser = null;
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    public Response create(InputStream in) {
        CreateResponseRequest request = parser.parse(body.read(in));
        PreparedRun prepared = responses.prepare(request);
        if (!request.stream()) {
            return Response.ok(responses.execute(prepared, EventSink.NONE), MediaType.APPLICATION_JSON_TYPE).build();
        }
        StreamingOutput stream = out -> responses.execute(prepared, new SseEventSink(out));
        return Response.ok(stream, MediaType.SERVER_SENT_EVENTS_TYPE)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonValue retrieve(@PathParam("id") String id) {
        return StoredHistory.parse(find(id).responseJson());
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject delete(@PathParam("id") String id) {
        if (!store.delete(id)) {
            throw notFound(id);
        }
        return Json.createObjectBuilder().add("id", id).add("object", "response").add("deleted", true).build();
    }

    @GET
    @Path("{id}/input_items")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject inputItems(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("order") @DefaultValue("desc") String order, @QueryParam("after") String after) {
        if (limit < 1 || limit > 100) {
            throw ApiException.badRequest("'limit' must be between 1 and 100.", "limit");
        }
        if (!order.equals("asc") && !order.equals("desc")) {
            throw ApiException.badRequest("'order' must be 'asc' or 'desc'.", "order");
        }
        List<JsonObject> items = new ArrayList<>();
        StoredHistory.parse(find(id).inputJson()).asJsonArray().forEach(v -> items.add(v.asJsonObject()));
        if (order.equals("desc")) {
            Collections.reverse(items);
        }
        int start = 0;
        if (after != null) {
            start = indexOf(items, after) + 1;
            if (start == 0) {
                throw ApiException.badRequest("No input item '" + after + "' in this response.", "after");
            }
        }
        List<JsonObject> page = items.subList(start, Math.min(items.size(), start + limit));
        JsonArrayBuilder data = Json.createArrayBuilder();
        page.forEach(data::add);
        JsonArray array = data.build();
        return Json.createObjectBuilder()
                .add("object", "list")
                .add("data", array)
                .add("first_id", page.isEmpty() ? JsonValue.NULL : Json.createValue(page.get(0).getString("id")))
                .add("last_id", page.isEmpty() ? JsonValue.NULL
                        : Json.createValue(page.get(page.size() - 1).getString("id")))
                .add("has_more", start + page.size() < items.size())
                .build();
    }

    private ResponseRecord find(String id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    private static int indexOf(List<JsonObject> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(items.get(i).getString("id", null))) {
                return i;
            }
        }
        return -1;
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Response with id '" + id + "' not found.", "response_id", "response_not_found");
    }
}
