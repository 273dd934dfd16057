package io.agenthost.conversations;

import io.agenthost.responses.QueryValues;
import io.agenthost.responses.RequestBody;
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
import java.io.InputStream;

/**
 * {@code /v1/conversations}: OpenAI's Conversations API. As with stored responses, the agent a conversation belongs to
 * is named by the query parameter {@code agent} (optional with one agent hosted).
 */
@Path("/{version: (v1/)?}conversations")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConversationsResource {

    private final RequestBody body;
    private final Conversations conversations;

    @Inject
    public ConversationsResource(RequestBody body, Conversations conversations) {
        this.body = body;
        this.conversations = conversations;
    }

    /** For CDI proxies only. */
    protected ConversationsResource() {
        this.body = null;
        this.conversations = null;
    }

    @POST
    public JsonObject create(@QueryParam("agent") String agent, InputStream in) {
        return conversations.create(agent, body.read(in));
    }

    @GET
    @Path("{id}")
    public JsonObject retrieve(@PathParam("id") String id, @QueryParam("agent") String agent) {
        return conversations.retrieve(id, agent);
    }

    @POST
    @Path("{id}")
    public JsonObject update(@PathParam("id") String id, @QueryParam("agent") String agent, InputStream in) {
        return conversations.update(id, agent, body.read(in));
    }

    @DELETE
    @Path("{id}")
    public JsonObject delete(@PathParam("id") String id, @QueryParam("agent") String agent) {
        return conversations.delete(id, agent);
    }

    @POST
    @Path("{id}/items")
    public JsonObject addItems(@PathParam("id") String id, @QueryParam("agent") String agent, InputStream in) {
        return conversations.addItems(id, agent, body.read(in));
    }

    @GET
    @Path("{id}/items")
    public JsonObject items(@PathParam("id") String id, @QueryParam("agent") String agent,
            @QueryParam("limit") String limit, @QueryParam("order") String order, @QueryParam("after") String after) {
        return conversations.items(id, agent, QueryValues.limit(limit), QueryValues.order(order), after);
    }

    @GET
    @Path("{id}/items/{item}")
    public JsonObject item(@PathParam("id") String id, @PathParam("item") String item,
            @QueryParam("agent") String agent) {
        return conversations.item(id, agent, item);
    }

    @DELETE
    @Path("{id}/items/{item}")
    public JsonObject deleteItem(@PathParam("id") String id, @PathParam("item") String item,
            @QueryParam("agent") String agent) {
        return conversations.deleteItem(id, agent, item);
    }
}
