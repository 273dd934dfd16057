package io.agenthost.mcp;

import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.modern.JsonRpc.JSONRPCResponse.JSONRPCError;
import io.modelcontextprotocol.modern.McpException;
import io.modelcontextprotocol.modern.client.transport.McpHttpStatusException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateRevokedException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Short, safe explanations of MCP failures, and the text of tool results. Failures come as the exceptions of either
 * of the SDK's clients: {@code McpError} from the sessions of 2025-11-25, {@code McpException} and
 * {@code McpHttpStatusException} from the stateless client of 2026-07-28.
 */
final class McpFailures {

    private static final int MAX_REASON = 300;

    static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private static final int HEADER_MISMATCH = -32020;
    /** Also what the host answers for input it cannot give a server. */
    static final int MISSING_CLIENT_CAPABILITY = -32021;
    private static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private McpFailures() {
    }

    /** A JSON-RPC error code, when that is what the server answered with: for the span's error type. */
    static Integer errorCode(Throwable failure) {
        McpServerError error = serverError("", failure);
        return error == null ? null : error.code();
    }

    static String describe(Throwable failure, int lastFailureStatus) {
        Throwable root = McpError.findRootCause(failure);
        McpServerError answered = serverError("", failure);
        if (answered != null) {
            return "error " + answered.code() + ": " + clip(answered.errorMessage());
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
            if (t instanceof McpServerError error) {
                return error;
            }
            if (t instanceof McpError error && error.getJsonRpcError() != null) {
                McpSchema.JSONRPCResponse.JSONRPCError rpc = error.getJsonRpcError();
                return new McpServerError(label, rpc.code(), rpc.message(), rpc.data() == null ? null : json(rpc.data()));
            }
            if (t instanceof McpException error) {
                JSONRPCError rpc = error.error();
                return new McpServerError(label, rpc.code(), rpc.message(), rpc.data() == null ? null : json(rpc.data()));
            }
        }
        return null;
    }

    /**
     * Whether a server refused a request as one of a revision it does not speak. A server of 2025-11-25 answers a
     * stateless request, which has no session, with a 400 (whose body, if JSON-RPC, is no error only a 2026 server
     * sends about a request: a header that does not match, a capability it needs); a 2026 server answers
     * {@code initialize} with a 400 and -32022, unsupported protocol version.
     *
     * @param lastFailureStatus the status of the last answer that was not a success, 0 if none
     */
    static boolean revisionRefused(ProtocolRevision tried, Throwable failure, int lastFailureStatus) {
        McpServerError answered = serverError("", failure);
        if (answered != null && answered.code() == UNSUPPORTED_PROTOCOL_VERSION) {
            return true;
        }
        if (tried == ProtocolRevision.SESSIONS) {
            // The session client reports a refused initialize as a transport failure, the error only in its text.
            return lastFailureStatus == 400;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof McpHttpStatusException status) {
                return status.statusCode() == 400;
            }
        }
        return answered != null && lastFailureStatus == 400 && answered.code() != HEADER_MISMATCH
                && answered.code() != MISSING_CLIENT_CAPABILITY;
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
            if (t instanceof McpHttpStatusException denied
                    && (denied.statusCode() == 401 || denied.statusCode() == 403)) {
                return new McpAuthorizationException(message + ": HTTP " + denied.statusCode(), failure,
                        denied.statusCode(), server, denied.headers().allValues(WWW_AUTHENTICATE));
            }
        }
        return null;
    }

    /**
     * The text of a tool result, of either revision: its content, where content that is not text is given as its
     * JSON; its structured content when it has no content.
     */
    static String text(List<?> content, Object structuredContent) {
        StringBuilder text = new StringBuilder();
        if (content != null) {
            for (Object item : content) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                if (item instanceof McpSchema.TextContent textContent) {
                    text.append(textContent.text());
                } else if (item instanceof io.modelcontextprotocol.modern.McpSchema.TextContent textContent) {
                    text.append(textContent.text());
                } else {
                    text.append(json(item));
                }
            }
        }
        if (text.length() == 0 && structuredContent != null) {
            text.append(json(structuredContent));
        }
        return text.toString();
    }

    static String json(Object value) {
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
