package io.agenthost.responses;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads a request body up to the configured limit ({@code agent.max-request-bytes}, 1 MiB by default). */
@ApplicationScoped
public class RequestBody {

    private final int limit;

    @Inject
    public RequestBody(@ConfigProperty(name = "agent.max-request-bytes", defaultValue = "1048576") int limit) {
        this.limit = limit;
    }

    /** For CDI proxies only. */
    protected RequestBody() {
        this.limit = 0;
    }

    public byte[] read(InputStream in) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (body.size() + n > limit) {
                    throw new ApiException(413, "invalid_request_error", "The request body is larger than the limit of "
                            + limit + " bytes.", null, "request_too_large");
                }
                body.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
        return body.toByteArray();
    }
}
