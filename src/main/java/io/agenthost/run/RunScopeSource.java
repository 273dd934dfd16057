package io.agenthost.run;

import java.util.Map;

/** An argument of an {@link AgentRun} method that says what the run's scope holds. */
public interface RunScopeSource {

    /** The agent that runs. */
    String agentName();

    /** The tokens the request brought for its MCP servers, by server label. */
    Map<String, String> requestTokens();
}
