package io.agenthost.playground;

import io.agenthost.responses.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The playground at {@code /}: a page, served from the WAR's {@code playground} folder, that talks to this server's
 * own API and nothing else. {@code agent.playground.enabled=false} turns it off (404).
 */
@Path("/")
@ApplicationScoped
public class PlaygroundResource {

    private static final Pattern FILE = Pattern.compile("[a-z]+\\.(html|js|css)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    private final boolean enabled;

    @Context
    ServletContext servletContext;

    @Inject
    public PlaygroundResource(@ConfigProperty(name = "agent.playground.enabled", defaultValue = "true")
            boolean enabled) {
        this.enabled = enabled;
    }

    /** For CDI proxies only. */
    protected PlaygroundResource() {
        this.enabled = false;
    }

    @GET
    public Response page() {
        return file("index.html");
    }

    @GET
    @Path("playground/{file}")
    public Response file(@PathParam("file") String file) {
        if (!enabled || !FILE.matcher(file).matches()) {
            throw notFound();
        }
        InputStream content = servletContext.getResourceAsStream("/playground/" + file);
        if (content == null) {
            throw notFound();
        }
        String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
        // No third party is ever asked for anything, and no other page may frame this one.
        return Response.ok(content, type)
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache")
                .build();
    }

    private static ApiException notFound() {
        return ApiException.notFound("Not found.", null, "not_found");
    }
}
