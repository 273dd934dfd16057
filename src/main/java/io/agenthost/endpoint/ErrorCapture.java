package io.agenthost.endpoint;

import io.agenthost.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A response that lets successes through and keeps errors back: once a status of 400 or more is set, what is written
 * goes to a buffer instead of the client, for {@link JsonRpcGuard} to answer in its place.
 */
final class ErrorCapture extends HttpServletResponseWrapper {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private int status = SC_OK;
    private PrintWriter writer;

    ErrorCapture(HttpServletResponse response) {
        super(response);
    }

    boolean failed() {
        return status >= 400;
    }

    @Override
    public int getStatus() {
        return status;
    }

    /** What the failure wrote, when it is a JSON object; else null. */
    JsonObject json() {
        if (writer != null) {
            writer.flush();
        }
        return Json.objectIn(captured.toString(StandardCharsets.UTF_8)).orElse(null);
    }

    @Override
    public void setStatus(int status) {
        this.status = status;
        if (status < 400) {
            super.setStatus(status);
        }
    }

    @Override
    public void sendError(int status) {
        this.status = status;
    }

    @Override
    public void sendError(int status, String message) {
        this.status = status;
    }

    @Override
    public void setContentType(String type) {
        if (!failed()) {
            super.setContentType(type);
        }
    }

    @Override
    public void setContentLength(int length) {
        if (!failed()) {
            super.setContentLength(length);
        }
    }

    @Override
    public void setContentLengthLong(long length) {
        if (!failed()) {
            super.setContentLengthLong(length);
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (!failed()) {
            return super.getOutputStream();
        }
        return new ServletOutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                captured.write(bytes, offset, length);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new IllegalStateException("an error answer is written at once");
            }
        };
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (!failed()) {
            return super.getWriter();
        }
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(captured, StandardCharsets.UTF_8));
        }
        return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
        if (!failed()) {
            super.flushBuffer();
        }
    }
}
