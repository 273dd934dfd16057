package io.agenthost.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void theCanonicalUriHasLowerCaseSchemeAndHostNoDefaultPortAndNoFragment() {
        assertEquals(URI.create("https://mcp.example.com/Tools/mcp?v=1"),
                Resources.canonical(URI.create("HTTPS://MCP.Example.com:443/Tools/mcp?v=1#top")));
        assertEquals(URI.create("http://127.0.0.1:19112/mcp"),
                Resources.canonical(URI.create("http://127.0.0.1:19112/mcp")));
        assertEquals(URI.create("http://[::1]:8080/mcp"), Resources.canonical(URI.create("http://[::1]:8080/mcp")));
    }

    @Test
    void grantsAreKeptPerPrincipalAndServerAndAnonymousIsNoName() {
        URI server = URI.create("https://mcp.example.com/mcp");

        assertEquals(Resources.grantKey("ada", server), Resources.grantKey("ada", URI.create("https://MCP.example.com/mcp")));
        assertNotEquals(Resources.grantKey("ada", server), Resources.grantKey("bob", server));
        assertNotEquals(Resources.grantKey("ada", server), Resources.grantKey("ada", URI.create("https://mcp.example.com/other")));
        assertNotEquals(Resources.grantKey(null, server), Resources.grantKey("anonymous", server));
    }

    @Test
    void metadataCoversTheServerItNamesOrItsOrigin() {
        URI server = URI.create("https://mcp.example.com/team/mcp");

        assertTrue(Resources.covers(URI.create("https://mcp.example.com/team/mcp"), server));
        assertTrue(Resources.covers(URI.create("https://mcp.example.com"), server));
        assertTrue(Resources.covers(URI.create("https://mcp.example.com/team"), server));
        assertFalse(Resources.covers(URI.create("https://mcp.example.com/te"), server));
        assertFalse(Resources.covers(URI.create("https://other.example.com/team/mcp"), server));
        assertFalse(Resources.covers(URI.create("http://mcp.example.com/team/mcp"), server));
        assertFalse(Resources.covers(URI.create("https://mcp.example.com:8443/team/mcp"), server));
    }
}
