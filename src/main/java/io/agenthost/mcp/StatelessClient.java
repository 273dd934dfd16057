package io.agenthost.mcp;

import io.agenthost.json.Json;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.client.McpClient;
import io.modelcontextprotocol.modern.client.McpSyncClient;
import jakarta.json.JsonArrayBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MCP 2026-07-28 through the SDK's stateless client: every request stands alone, so there is nothing to open or
 * close. A server that needs the user's consent answers a call with a URL elicitation inside an input-required
 * result; that is the same consent as 2025's URL elicitation error, and is handed on as that error.
 */
final class StatelessClient implements ProtocolClient {


    private final McpEndpoint endpoint;
    private final McpSyncClient client;

    StatelessClient(McpEndpoint endpoint, McpClientSettings settings, RetryingHttpClient http,
            CredentialRenewal renewal) {
        this.endpoint = endpoint;
        StatelessTransport transport = new StatelessTransport(endpoint, http,
                new McpRequestFilter(endpoint, renewal.nonce()).stateless(), renewal.forStateless(),
                settings.requestTimeout());
        this.client = McpClient.sync(transport)
                .clientInfo(McpSchema.Implementation.builder(settings.clientName(), settings.clientVersion())
                        .build())
                .roundTimeout(settings.requestTimeout())
                .transportContextProvider(McpRequestFilter::transportContext)
                // Declares URL elicitation, so that a server may ask for consent; calls are made one round at a
                // time (callOnce), so this handler never runs.
                .urlElicitation(request -> {
                    throw new IllegalStateException("URL elicitation is answered by the user, not by the host");
                })
                .build();
    }

    @Override
    public ProtocolRevision revision() {
        return ProtocolRevision.STATELESS;
    }

    @Override
    public void open() {
        // nothing to open: the first request is the first exchange
    }

    @Override
    public ToolPage tools(String cursor) {
        McpSchema.ListToolsResult page = client.tools().cursor(cursor).list();
        List<McpTool> tools = new ArrayList<>(page.tools().size());
        for (McpSchema.Tool tool : page.tools()) {
            tools.add(ToolDescriptions.of(tool.name(), tool.description(), tool.inputSchema(), tool.annotations()));
        }
        return new ToolPage(List.copyOf(tools), page.nextCursor());
    }

    @Override
    public McpCallResult call(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolOutcome outcome = client.tool(tool).arguments(arguments).callOnce();
        if (outcome instanceof McpSchema.InputRequiredResult input) {
            throw consentOrRefusal(tool, input);
        }
        McpSchema.CallToolResult result = (McpSchema.CallToolResult) outcome;
        return new McpCallResult(McpFailures.text(result.content(), result.structuredContent()),
                Boolean.TRUE.equals(result.isError()));
    }

    /**
     * The URL elicitations of an input-required result as 2025's URL elicitation required error, whose
     * {@code data.elicitations} consent is read from; input of any other kind (a form, a sampling request) the host
     * cannot give, and the call fails with a JSON-RPC error that says so.
     */
    private McpServerError consentOrRefusal(String tool, McpSchema.InputRequiredResult input) {
        JsonArrayBuilder elicitations = Json.createArrayBuilder();
        int urls = 0;
        if (input.inputRequests() != null) {
            for (Map.Entry<String, McpSchema.InputRequest> entry : input.inputRequests().entrySet()) {
                if (entry.getValue() instanceof McpSchema.ElicitInputRequest elicit
                        && elicit.params() instanceof McpSchema.ElicitUrlRequest url) {
                    elicitations.add(Json.createObjectBuilder().add("mode", "url").add("url", url.url())
                            .add("message", url.message()).add("elicitationId", entry.getKey()));
                    urls++;
                }
            }
        }
        if (urls == 0) {
            return new McpServerError(endpoint.label(), McpFailures.MISSING_CLIENT_CAPABILITY, "The call to " + tool
                    + " asked for input that a hosted agent cannot give.", null);
        }
        return new McpServerError(endpoint.label(), McpServerError.URL_ELICITATION_REQUIRED, "The call to " + tool
                + " needs the user's consent.", Json.createObjectBuilder().add("elicitations", elicitations).build()
                .toString());
    }

    @Override
    public void close() {
        // no session to end
    }
}
