package io.agenthost.responses;

import io.agenthost.agent.AgentCatalog;
import io.agenthost.agent.HostedAgent;
import io.agenthost.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /v1/models}: the hosted agents, in the OpenAI list shape, so clients can discover what to call. */
@Path("/v1/models")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final AgentCatalog agents;
    private final long startedAt = System.currentTimeMillis() / 1000;

    @Inject
    public ModelsResource(AgentCatalog agents) {
        this.agents = agents;
    }

    /** For CDI proxies only. */
    protected ModelsResource() {
        this(null);
    }

    @GET
    public JsonObject list() {
        JsonArrayBuilder data = Json.createArrayBuilder();
        agents.all().forEach(agent -> data.add(model(agent)));
        return Json.createObjectBuilder().add("object", "list").add("data", data).build();
    }

    @GET
    @Path("{id}")
    public JsonObject retrieve(@PathParam("id") String id) {
        return agents.find(id).map(this::model).orElseThrow(() -> ApiException.notFound(
                "The model '" + id + "' does not exist: no agent of that name is hosted here.", "model",
                "model_not_found"));
    }

    private JsonObject model(HostedAgent agent) {
        return Json.createObjectBuilder()
                .add("id", agent.name())
                .add("object", "model")
                .add("created", startedAt)
                .add("owned_by", "agent-host")
                .add("description", agent.description())
                .build();
    }
}
