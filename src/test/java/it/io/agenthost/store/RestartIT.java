package it.io.agenthost.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseRetrieveParams;
import it.io.agenthost.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stored responses live in the database, not in the server's memory: they survive a restart. */
class RestartIT {

    @Test
    void aStoredResponseIsReadableAfterTheServerRestarts() throws Exception {
        OpenAIClient before = TestServer.openAi();
        String id = before.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("remember me across restarts").build()).id();
        before.close();

        server("stop");
        server("start");
        awaitReady();

        OpenAIClient after = TestServer.openAi();
        Response retrieved = after.responses().retrieve(ResponseRetrieveParams.builder().responseId(id)
                .putAdditionalQueryParam("agent", "assistant").build());
        after.close();
        assertEquals("remember me across restarts", TestServer.lastText(retrieved));
    }

    private static void server(String action) throws IOException, InterruptedException {
        Path script = TestServer.installDir().resolve("bin/server");
        Process process = new ProcessBuilder(script.toString(), action, TestServer.serverName())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "server " + action + " did not finish");
        assertEquals(0, process.exitValue(), "server " + action + " failed");
    }

    private static void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> ready = TestServer.get("/health/ready");
                if (ready.statusCode() == 200 && TestServer.get("/v1/models").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // the port is not open yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not become ready after the restart");
    }
}
