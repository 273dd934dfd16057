package io.agenthost.mcp;

import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateRevokedException;
import java.util.concurrent.TimeoutException;

/** Short, safe explanations of MCP failures, and the text of tool results. */
final class McpFailures {

    private static final int MAX_REASON = 300;

    static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private McpFailures() {
    }

    static String describe(Throwable failure, int lastFailureStatus) {
        Throwable root = McpError.findRootCause(failure);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof McpError error && error.getJsonRpcError() != null) {
                return "error " + error.getJsonRpcError().code() + ": " + clip(error.getJsonRpcError().message());
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateRevokedException) {
                return "the server's certificate is revoked";
            }
            if (t instanceof RevocationUnknownException) {
                return "the revocation status of the server's certificate cannot be learnt";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedChannelException
                    || t instanceof UnresolvedAddressException) {
                return "cannot connect (" + t.getClass().getSimpleName() + ")";
            }
        }
        if (root instanceof HttpTimeoutException || root instanceof TimeoutException) {
            return "timed out";
        }
        if (lastFailureStatus > 0) {
            return "HTTP " + lastFailureStatus;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnsendableHeaderException unsendable) {
                return unsendable.getMessage();
            }
        }
        // Only the network's own messages are shown: others (the HTTP client's refusal of a header above all) may
        // quote what the request carried.
        String message = root instanceof IOException ? root.getMessage() : null;
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + clip(message));
    }

    /** The JSON-RPC error a server answered with, if that is what this failure is; else null. */
    static McpServerError serverError(String label, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof McpError error && error.getJsonRpcError() != null) {
                McpSchema.JSONRPCResponse.JSONRPCError rpc = error.getJsonRpcError();
                return new McpServerError(label, rpc.code(), rpc.message(), rpc.data() == null ? null : json(rpc.data()));
            }
        }
        return null;
    }

    /**
     * The server's refusal to authorize, if that is what this failure is; else null. The transport raises it on 401 and
     * 403, after its authorization error handler declined to try again.
     */
    static McpAuthorizationException authorizationError(String message, URI server, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof McpHttpClientTransportAuthorizationException denied && denied.getResponseInfo() != null) {
                int status = denied.getResponseInfo().statusCode();
                return new McpAuthorizationException(message + ": HTTP " + status, failure, status, server,
                        denied.getResponseInfo().headers().allValues(WWW_AUTHENTICATE));
            }
        }
        return null;
    }

    /** The text of a tool result; content that is not text is given as its JSON. */
    static String text(McpSchema.CallToolResult result) {
        StringBuilder text = new StringBuilder();
        if (result.content() != null) {
            for (McpSchema.Content content : result.content()) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                if (content instanceof McpSchema.TextContent textContent) {
                    text.append(textContent.text());
                } else {
                    text.append(json(content));
                }
            }
        }
        if (text.length() == 0 && result.structuredContent() != null) {
            text.append(json(result.structuredContent()));
        }
        return text.toString();
    }

    private static String json(Object value) {
        try {
            return McpJsonDefaults.getMapper().writeValueAsString(value);
        } catch (IOException e) {
            return String.valueOf(value);
        }
    }

    private static String clip(String message) {
        return message.length() <= MAX_REASON ? message : message.substring(0, MAX_REASON) + "...";
    }
}
