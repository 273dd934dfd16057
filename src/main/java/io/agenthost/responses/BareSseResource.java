package io.agenthost.responses;

import io.agenthost.background.StreamEvent;
import io.agenthost.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A stream with no agent behind it, written by the same SSE writer as {@code /v1/responses}: the baseline the
 * benchmark compares agent runs with. {@code POST} reads the request's body as {@code /v1/responses} reads it, so that
 * both take the same request; {@code GET} takes none. Off unless {@code agent.bench.enabled=true}.
 */
@Path("/bench/sse")
@ApplicationScoped
public class BareSseResource {

    private final boolean enabled;
    private final RequestBody body;

    @Inject
    public BareSseResource(@ConfigProperty(name = "agent.bench.enabled", defaultValue = "false") boolean enabled,
            RequestBody body) {
        this.enabled = enabled;
        this.body = body;
    }

    /** For CDI proxies only. */
    protected BareSseResource() {
        this(false, null);
    }

    @POST
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Response streamAfterReading(@QueryParam("events") @DefaultValue("16") int events, InputStream in) {
        if (!enabled) {
            throw new NotFoundException();
        }
        body.read(in);
        return stream(events);
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Response stream(@QueryParam("events") @DefaultValue("16") int events) {
        if (!enabled) {
            throw new NotFoundException();
        }
        int count = Math.max(1, Math.min(events, 100_000));
        StreamingOutput stream = out -> {
            SseEventSink sink = new SseEventSink(out);
            for (int i = 0; i < count; i++) {
                sink.write(StreamEvent.of(i, "bench.delta", Json.createObjectBuilder().add("delta", "word ")));
            }
            sink.write(StreamEvent.of(count, "bench.done", Json.createObjectBuilder()));
        };
        return Response.ok(stream, MediaType.SERVER_SENT_EVENTS_TYPE).header("Cache-Control", "no-cache").build();
    }
}
