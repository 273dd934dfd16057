package io.agenthost.agent;

import io.agenthost.toolbox.ConsentLink;
import java.util.List;

/** An MCP server needs the user's consent before the run can go on; the response ends with the links to give it. */
public class ConsentRequiredException extends RuntimeException {

    private final List<ConsentLink> links;

    public ConsentRequiredException(List<ConsentLink> links) {
        super("consent required for " + links.size() + " source(s)", null, false, false);
        this.links = List.copyOf(links);
    }

    public List<ConsentLink> links() {
        return links;
    }
}
