package io.agenthost.responses;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error leaves the server in the OpenAI error shape: never a stack trace, never HTML. */
public final class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    /** The error code, and its message, of a response that could not be stored: in an answer or a failed stream. */
    static final String STORAGE_UNAVAILABLE = "storage_unavailable";
    static final String STORAGE_UNAVAILABLE_MESSAGE = "The response store is unavailable for the moment; try again.";

    private ErrorMappers() {
    }

    static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    @Provider
    public static class Api implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return json(e.status(), e.toJson());
        }
    }

    /** Unknown paths, wrong methods and media types that JAX-RS itself refuses. */
    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            String type = status >= 500 ? "server_error" : "invalid_request_error";
            String message = switch (status) {
                case 404 -> "Unknown path.";
                case 405 -> "Method not allowed for this path.";
                case 406 -> "Cannot produce a response in the accepted media type.";
                case 415 -> "Unsupported media type.";
                default -> original.getStatusInfo().getReasonPhrase();
            };
            Response.ResponseBuilder builder = Response.fromResponse(original).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiException.errorBody(message, type, null, null));
            return builder.build();
        }
    }

    /**
     * The database did not answer in time (a lock held too long, a database that is away), also after the store's
     * retries: nothing was written, and the client may try again.
     */
    static Response storageUnavailable(RuntimeException e) {
        LOG.log(Level.WARNING, "Storage unavailable: " + e);
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "5")
                .entity(ApiException.errorBody(STORAGE_UNAVAILABLE_MESSAGE, "server_error", null,
                        STORAGE_UNAVAILABLE)).build();
    }

    @Provider
    public static class Persistence implements ExceptionMapper<PersistenceException> {
        @Override
        public Response toResponse(PersistenceException e) {
            return storageUnavailable(e);
        }
    }

    /** A commit that failed: what a lock timeout at the end of a transaction becomes. */
    @Provider
    public static class Transaction implements ExceptionMapper<TransactionalException> {
        @Override
        public Response toResponse(TransactionalException e) {
            return storageUnavailable(e);
        }
    }

    /** A real server fault: logged here, and the client learns only that it happened. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            LOG.log(Level.SEVERE, "Request failed: " + e.getClass().getName(), e);
            return json(500, ApiException.errorBody("The server had an error while processing your request.",
                    "server_error", null, null));
        }
    }
}
