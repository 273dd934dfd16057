package io.agenthost.model;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Where the Chat Completions requests of a model go and how they are authenticated: an OpenAI-compatible API at a
 * base URL with a bearer key, or Azure OpenAI, whose classic endpoints name the deployment (the request's model) in
 * the path and the API version in the query, and whose {@code /openai/v1} endpoints are OpenAI-compatible.
 */
final class ChatCompletionsEndpoint {

    static final String OPENAI = "https://api.openai.com/v1";
    /** The Azure OpenAI API version of the classic endpoints when none is configured: the latest generally available. */
    static final String AZURE_API_VERSION = "2024-10-21";

    private final String providerName;
    private final String base;
    private final boolean deployments;
    private final String apiVersion;
    private final String header;
    private final Supplier<String> credential;

    private ChatCompletionsEndpoint(String providerName, String base, boolean deployments, String apiVersion,
            String header, Supplier<String> credential) {
        this.providerName = providerName;
        this.base = base.strip().replaceAll("/+$", "");
        this.deployments = deployments;
        this.apiVersion = apiVersion;
        this.header = header;
        this.credential = credential;
    }

    /** @param apiKey sent as a bearer token; null for a local server that needs none */
    static ChatCompletionsEndpoint openAi(String baseUrl, String apiKey) {
        return new ChatCompletionsEndpoint("openai", baseUrl == null ? OPENAI : baseUrl, false, null, "Authorization",
                apiKey == null ? null : () -> "Bearer " + apiKey);
    }

    /** With the resource's API key ({@code api-key}). */
    static ChatCompletionsEndpoint azureKey(String endpoint, String apiVersion, String apiKey) {
        return azure(endpoint, apiVersion, "api-key", () -> apiKey);
    }

    /** With a Microsoft Entra token, fetched for each request (the supplier caches and renews it). */
    static ChatCompletionsEndpoint azureEntra(String endpoint, String apiVersion, Supplier<String> token) {
        return azure(endpoint, apiVersion, "Authorization", () -> "Bearer " + token.get());
    }

    private static ChatCompletionsEndpoint azure(String endpoint, String apiVersion, String header,
            Supplier<String> credential) {
        boolean v1 = endpoint.strip().replaceAll("/+$", "").endsWith("/openai/v1");
        String version = v1 || apiVersion != null ? apiVersion : AZURE_API_VERSION;
        return new ChatCompletionsEndpoint("azure.ai.openai", endpoint, !v1, version, header, credential);
    }

    /** {@code gen_ai.provider.name}: {@code openai} for OpenAI-compatible APIs, {@code azure.ai.openai} for Azure's. */
    String providerName() {
        return providerName;
    }

    URI url(String model) {
        String path = deployments ? "/openai/deployments/" + URLEncoder.encode(model, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/chat/completions" : "/chat/completions";
        return URI.create(base + path + (apiVersion == null ? "" : "?api-version="
                + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8)));
    }

    void authenticate(HttpRequest.Builder request) {
        if (credential != null) {
            request.header(header, credential.get());
        }
    }

    /** Names the endpoint in logs: never its credential. */
    @Override
    public String toString() {
        return URI.create(base).getHost() == null ? "Chat Completions" : "Chat Completions at "
                + URI.create(base).getHost();
    }
}
