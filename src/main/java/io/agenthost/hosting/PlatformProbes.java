package io.agenthost.hosting;

import io.agenthost.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The hosted-agent platform's probes (container protocol 2.0.0): {@code GET /readiness} and {@code GET /liveness},
 * 200 exactly when the application's MicroProfile Health readiness (or liveness) checks, the ones behind
 * {@code /health/ready} and {@code /health/live}, are all UP, else 503. Any status but 200 makes the platform restart
 * the instance, so a Pending toolbox answers 503 and a Degraded one 200, as readiness says.
 */
@Path("/")
@ApplicationScoped
public class PlatformProbes {

    private final Instance<HealthCheck> readiness;
    private final Instance<HealthCheck> liveness;

    @Inject
    public PlatformProbes(@Any Instance<HealthCheck> checks) {
        this.readiness = checks.select(Readiness.Literal.INSTANCE);
        this.liveness = checks.select(Liveness.Literal.INSTANCE);
    }

    /** For CDI proxies only. */
    protected PlatformProbes() {
        this.readiness = null;
        this.liveness = null;
    }

    @GET
    @Path("readiness")
    @Produces(MediaType.APPLICATION_JSON)
    public Response readiness() {
        return probe(readiness);
    }

    @GET
    @Path("liveness")
    @Produces(MediaType.APPLICATION_JSON)
    public Response liveness() {
        return probe(liveness);
    }

    private static Response probe(Iterable<HealthCheck> checks) {
        JsonObject verdict = verdict(checks);
        return Response.status(verdict.getString("status").equals("UP") ? 200 : 503).entity(verdict).build();
    }

    /** {@code {"status": "UP" | "DOWN", "checks": {<name>: <status>}}}: UP when every check is. */
    static JsonObject verdict(Iterable<HealthCheck> checks) {
        boolean up = true;
        JsonObjectBuilder each = Json.createObjectBuilder();
        for (HealthCheck check : checks) {
            HealthCheckResponse answer = check.call();
            up &= answer.getStatus() == HealthCheckResponse.Status.UP;
            each.add(answer.getName(), answer.getStatus().name());
        }
        return Json.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", each).build();
    }
}
