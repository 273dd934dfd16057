package io.agenthost.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agenthost.responses.ApiException;
import org.junit.jupiter.api.Test;

/** {@code agent.playground.enabled=false}: the page and its files are not found; the page itself is PlaygroundIT's. */
class PlaygroundResourceTest {

    @Test
    void aServerWithThePlaygroundOffFindsNoneOfIt() {
        PlaygroundResource off = new PlaygroundResource(false);

        assertEquals(404, assertThrows(ApiException.class, off::page).status());
        assertEquals(404, assertThrows(ApiException.class, () -> off.file("app.js")).status());
    }

    @Test
    void onlyThePlaygroundsOwnKindsOfFileAreServed() {
        PlaygroundResource on = new PlaygroundResource(true);

        assertEquals(404, assertThrows(ApiException.class, () -> on.file("../WEB-INF/web.xml")).status());
        assertEquals(404, assertThrows(ApiException.class, () -> on.file("web.xml")).status());
    }
}
