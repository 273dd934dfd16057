package it.io.agenthost.hosting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding: the tests' server has no caller authentication and listens on 127.0.0.1, so a request that names
 * another host, or comes from a web page of another origin, is refused on every path. Written on a socket, since the
 * JDK's HTTP client sets {@code Host} itself.
 */
class LoopbackCallersIT {

    private static final List<String> PATHS = List.of("/v1/responses", "/responses", "/mcp", "/oauth/callback");

    /** One HTTP/1.1 POST with these headers; answers the status line and the body. */
    private static String[] post(String path, String host, String origin) throws IOException {
        String body = path.contains("mcp")
                ? "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}"
                : "{\"model\":\"assistant\",\"input\":\"hi\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(TestServer.HOST, TestServer.PORT)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = answer.indexOf("\r\n\r\n");
            return new String[] {answer.substring(0, answer.indexOf("\r\n")), answer.substring(headersEnd + 4)};
        }
    }

    @Test
    void aForgedHostIsRefusedOnEveryPath() throws IOException {
        for (String path : PATHS) {
            String[] answer = post(path, "evil.example:" + TestServer.PORT, null);
            assertTrue(answer[0].contains(" 403 "), path + ": " + answer[0] + " " + answer[1]);
            if (path.equals("/mcp")) {
                JsonObject rpc = TestServer.json(answer[1]);
                assertEquals("2.0", rpc.getString("jsonrpc"));
                assertEquals(-32600, rpc.getJsonObject("error").getInt("code"));
            } else {
                assertEquals("forbidden_host", TestServer.json(answer[1]).getJsonObject("error").getString("code"));
            }
        }
    }

    @Test
    void aForeignOriginIsRefusedOnEveryPath() throws IOException {
        for (String path : PATHS) {
            String[] answer = post(path, "127.0.0.1:" + TestServer.PORT, "http://evil.example");
            assertTrue(answer[0].contains(" 403 "), path + ": " + answer[0] + " " + answer[1]);
        }
    }

    @Test
    void loopbackNamesAndOriginsAreServed() throws IOException {
        for (String host : List.of("127.0.0.1:" + TestServer.PORT, "localhost:" + TestServer.PORT,
                "localhost")) {
            String[] answer = post("/v1/responses", host, "http://localhost:3000");
            assertTrue(answer[0].contains(" 200 "), host + ": " + answer[0] + " " + answer[1]);
            assertEquals("completed", TestServer.json(answer[1]).getString("status"));
        }
    }
}
