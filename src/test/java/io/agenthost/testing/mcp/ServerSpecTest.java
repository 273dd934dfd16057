package io.agenthost.testing.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSpecTest {

    @Test
    void aUrlValuedOptionComesLastAndKeepsItsColons() {
        ServerSpec spec = ServerSpec.parse("protected=19112:prefix=p_:authorizedBy=http://127.0.0.1:19111");

        assertEquals(19112, spec.port());
        assertEquals("p_", spec.prefix());
        assertEquals(List.of("authorizedBy=http://127.0.0.1:19111"), spec.faults());
        assertEquals(List.of("delay=PT1S", "redirectTo=http://127.0.0.1:1/mcp"),
                ServerSpec.options("delay=PT1S:redirectTo=http://127.0.0.1:1/mcp"));
    }
}
