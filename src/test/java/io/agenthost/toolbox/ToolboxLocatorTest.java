package io.agenthost.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolboxLocatorTest {

    private static ToolboxLocator locator(Map<String, String> settings) {
        return new ToolboxLocator(key -> Optional.ofNullable(settings.get(key)));
    }

    @Test
    void aToolboxUrlWinsOverTheProxy() {
        ToolboxLocation location = locator(Map.of("toolbox.calendar.url", "http://127.0.0.1:3001/mcp",
                "FOUNDRY_PROJECT_ENDPOINT", "https://proj.example/api/projects/p"))
                .locate(new ToolboxRef("calendar", null));

        assertEquals("http://127.0.0.1:3001/mcp", location.url().toString());
        assertFalse(location.proxy());
    }

    @Test
    void thePlatformsToolboxEndpointsDeclareToolboxesAndWinOverTheDerivedUrl() {
        Map<String, String> env = Map.of(
                "TOOLBOX_CALENDAR_MCP_ENDPOINT", "https://proxy.example/toolboxes/calendar/mcp?api-version=v1&x=1",
                "TOOLBOX_TEAM_MAIL_MCP_ENDPOINT", "https://proxy.example/toolboxes/team_mail/mcp?api-version=v1",
                "TOOLBOX_EMPTY_MCP_ENDPOINT", " ",
                "FOUNDRY_AGENT_TOOLBOX_ENDPOINT", "https://proxy.example/toolboxes/",
                "FOUNDRY_PROJECT_ENDPOINT", "https://proj.example/api/projects/p");
        ToolboxLocator locator = new ToolboxLocator(key -> Optional.ofNullable(env.get(key)), env::keySet);

        assertEquals(java.util.Set.of(new ToolboxRef("calendar", null), new ToolboxRef("team_mail", null)),
                locator.declaredByPlatform());
        ToolboxLocation calendar = locator.locate(new ToolboxRef("calendar", null));
        assertEquals("https://proxy.example/toolboxes/calendar/mcp?api-version=v1&x=1", calendar.url().toString());
        assertTrue(calendar.proxy());
        assertEquals("https://proxy.example/toolboxes/calendar/versions/2/mcp?api-version=v1",
                locator.locate(new ToolboxRef("calendar", "2")).url().toString());
        assertEquals("https://proxy.example/toolboxes/files/mcp?api-version=v1",
                locator.locate(new ToolboxRef("files", null)).url().toString());
        assertEquals("TOOLBOX_TEAM_MAIL_MCP_ENDPOINT", ToolboxLocator.platformKey("team-mail"));
    }

    @Test
    void theProjectProxyServesTheDefaultOrAPinnedVersion() {
        ToolboxLocator locator = locator(Map.of("FOUNDRY_PROJECT_ENDPOINT", "https://proj.example/api/projects/p/"));

        assertEquals("https://proj.example/api/projects/p/toolboxes/calendar/mcp?api-version=v1",
                locator.locate(new ToolboxRef("calendar", null)).url().toString());
        assertEquals("https://proj.example/api/projects/p/toolboxes/calendar/versions/3/mcp?api-version=v1",
                locator.locate(new ToolboxRef("calendar", "3")).url().toString());
        assertTrue(locator.locate(new ToolboxRef("calendar", null)).proxy());
    }

    @Test
    void theAzureProjectVariableIsTheFallbackAndTheToolsetProxyTheLastResort() {
        assertEquals("https://a.example/toolboxes/mail/mcp?api-version=v1",
                locator(Map.of("AZURE_AI_PROJECT_ENDPOINT", "https://a.example")).locate(new ToolboxRef("mail", null))
                        .url().toString());
        assertEquals("https://t.example/mail/mcp?api-version=2025-05-01-preview",
                locator(Map.of("FOUNDRY_AGENT_TOOLSET_ENDPOINT", "https://t.example")).locate(new ToolboxRef("mail", null))
                        .url().toString());
    }

    @Test
    void nothingConfiguredIsNoEndpoint() {
        ToolboxLocation location = locator(Map.of()).locate(new ToolboxRef("calendar", null));

        assertNull(location.url());
        assertNull(location.problem());
    }

    @Test
    void aNameOrUrlThatCannotWorkIsAProblem() {
        ToolboxLocator locator = locator(Map.of("FOUNDRY_PROJECT_ENDPOINT", "https://p.example",
                "toolbox.bad.url", "not a url", "toolbox.ftp.url", "ftp://host/mcp"));

        assertNotNull(locator.locate(new ToolboxRef("a/b", null)).problem());
        assertNotNull(locator.locate(new ToolboxRef("..", null)).problem());
        assertNotNull(locator.locate(new ToolboxRef("ok", "1/2")).problem());
        assertNotNull(locator.locate(new ToolboxRef("bad", null)).problem());
        assertNotNull(locator.locate(new ToolboxRef("ftp", null)).problem());
    }
}
