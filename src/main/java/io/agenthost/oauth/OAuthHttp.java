package io.agenthost.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import io.agenthost.json.Json;
import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.ServerUrlPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The host's requests to protected resource metadata, authorization servers and their token and registration
 * endpoints. Their URLs come from remote servers, so each one is checked as a request's MCP server URL is
 * ({@link ServerUrlPolicy}: https, or http to loopback; loopback and private addresses only when allowed), redirects
 * are never followed, and answers are read up to a bound.
 */
@ApplicationScoped
public class OAuthHttp {

    static final int MAX_BODY = 256 * 1024;

    /** An answer: its status and its body when that is a JSON object, else null. */
    public record Reply(int status, JsonObject json) {

        boolean ok() {
            return status / 100 == 2 && json != null;
        }
    }

    private final HttpClient client;
    private final ServerUrlPolicy policy;
    private final Duration timeout;

    /**
     * @param tls the host's TLS contexts: every request to an authorization server carries or fetches a credential
     *            (a code, a client secret, a refresh token), so each is checked as one that carries it
     */
    @Inject
    public OAuthHttp(ServerUrlPolicy policy, OAuthSettings settings, McpClientSettings tls) {
        this(client(settings, tls), policy, settings.timeout());
    }

    private static HttpClient client(OAuthSettings settings, McpClientSettings tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout());
        if (tls.trust() != null) {
            builder.sslContext(tls.trust().credential());
        }
        return builder.build();
    }

    public OAuthHttp(HttpClient client, ServerUrlPolicy policy, Duration timeout) {
        this.client = client;
        this.policy = policy;
        this.timeout = timeout;
    }

    /** For CDI proxies only. */
    protected OAuthHttp() {
        this.client = null;
        this.policy = null;
        this.timeout = null;
    }

    /** Throws {@link OAuthException} when the host must not send a request there. */
    public void check(URI url, String what) {
        Optional<String> refusal = policy.refusal(url.toString());
        if (refusal.isPresent()) {
            throw new OAuthException("url_refused", what + " " + url.getScheme() + "://" + url.getAuthority()
                    + url.getRawPath() + " " + refusal.get());
        }
    }

    public Reply get(URI url, String what) {
        check(url, what);
        return send(HttpRequest.newBuilder(url).GET(), what, url);
    }

    /**
     * Sends an OAuth message Nimbus built, with this client: the URL policy, no redirects, the time and size bounds.
     * The answer is Nimbus's, for Nimbus to parse.
     */
    public HTTPResponse send(HTTPRequest message, String what) {
        URI url = message.getURI();
        check(url, what);
        HttpRequest.Builder request = HttpRequest.newBuilder(url);
        message.getHeaderMap().forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        String body = message.getBody();
        request.method(message.getMethod().name(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        Answer answer = exchange(request, what, url);
        HTTPResponse response = new HTTPResponse(answer.status());
        answer.headers().map().forEach((name, values) -> response.setHeader(name, values.toArray(String[]::new)));
        response.setBody(answer.body());
        return response;
    }

    private record Answer(int status, HttpHeaders headers, String body) {
    }

    private Reply send(HttpRequest.Builder request, String what, URI url) {
        Answer answer = exchange(request, what, url);
        return new Reply(answer.status(), Json.objectIn(answer.body()).orElse(null));
    }

    private Answer exchange(HttpRequest.Builder request, String what, URI url) {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.timeout(timeout).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new OAuthException("unreachable", what + " at " + url.getAuthority() + " could not be reached: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException("interrupted", "interrupted while asking " + what);
        }
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new OAuthException("answer_too_large", what + " answered more than " + MAX_BODY + " bytes");
            }
            return new Answer(response.statusCode(), response.headers(), new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OAuthException("unreachable", what + " at " + url.getAuthority() + " broke off its answer");
        }
    }

}
