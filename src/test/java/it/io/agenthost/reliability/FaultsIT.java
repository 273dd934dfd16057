package it.io.agenthost.reliability;

/** The faults of a request's MCP server of 2025-11-25, with sessions: the test server {@code faulty}. */
class FaultsIT extends McpServerFaults {

    FaultsIT() {
        super("faulty");
    }
}
