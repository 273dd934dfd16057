package io.agenthost.hosting;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackCallersTest {

    private final LoopbackCallers callers = new LoopbackCallers(Set.of("agents.internal.example"));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:9080", "127.0.0.1", "localhost:9080", "LOCALHOST", "[::1]:9080", "127.1.2.3",
        "app.localhost:9080", "agents.internal.example:443"})
    void loopbackNamesAndAllowedHostsMayCall(String host) {
        assertNull(callers.refusal(host, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:9080", "127.0.0.1.nip.io:9080", "localhost.evil.example",
        "10.0.0.5:9080", "0.0.0.0:9080", "[::2]:9080", "", "127.0.0.1:9080:1"})
    void anyOtherHostIsRefused(String host) {
        assertNotNull(callers.refusal(host, null));
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:9080,false", "http://localhost:3000,false", "null,false",
        "https://agents.internal.example,false", "http://evil.example,true", "http://127.0.0.1.nip.io,true",
        "not a url,true"})
    void anOriginMustBeALoopbackOneToo(String origin, boolean refused) {
        String refusal = callers.refusal("127.0.0.1:9080", origin);
        if (refused) {
            assertNotNull(refusal, origin);
        } else {
            assertNull(refusal, origin);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "0:0:0:0:0:0:0:1"})
    void theServerIsReachedOnLoopback(String localAddress) {
        org.junit.jupiter.api.Assertions.assertTrue(LoopbackCallers.loopback(localAddress));
    }
}
