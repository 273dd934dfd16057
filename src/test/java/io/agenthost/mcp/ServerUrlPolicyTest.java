package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses are literal IPs (and localhost), so no DNS answer decides the outcome. */
class ServerUrlPolicyTest {

    private final ServerUrlPolicy strict = new ServerUrlPolicy(false);
    private final ServerUrlPolicy allowingPrivate = new ServerUrlPolicy(true);

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/mcp", "https://[2606:2800:220:1:248:1893:25c8:1946]/mcp"})
    void publicHttpsIsAllowed(String url) {
        assertTrue(strict.refusal(url).isEmpty(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data", "https://169.254.169.254/",
        "http://[fe80::1]/mcp", "https://[::ffff:169.254.169.254]/", "http://0.0.0.0:3001/mcp", "https://[::]/mcp",
        "https://224.0.0.1/mcp"})
    void linkLocalUnspecifiedAndMulticastAreNeverAllowed(String url) {
        assertFalse(allowingPrivate.refusal(url).isEmpty(), url);
        assertFalse(strict.refusal(url).isEmpty(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:3001/mcp", "http://localhost:3001/mcp", "http://[::1]:3001/mcp",
        "https://10.1.2.3/mcp", "https://172.16.0.1/mcp", "https://192.168.1.1/mcp", "https://100.64.0.1/mcp",
        "https://[fd00::1]/mcp"})
    void loopbackAndPrivateNeedTheSetting(String url) {
        assertFalse(strict.refusal(url).isEmpty(), url);
        assertTrue(allowingPrivate.refusal(url).isEmpty(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34/mcp", "http://10.1.2.3/mcp", "file:///etc/passwd",
        "javascript:alert(1)", "ftp://93.184.216.34/mcp", "https://user:pw@93.184.216.34/mcp", "not a url",
        "https:///nohost"})
    void plainHttpBeyondLoopbackOtherSchemesAndBrokenUrlsAreRefused(String url) {
        assertFalse(allowingPrivate.refusal(url).isEmpty(), url);
    }
}
