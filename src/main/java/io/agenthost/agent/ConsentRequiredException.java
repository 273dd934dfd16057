package io.agenthost.agent;

import io.agenthost.toolbox.ConsentLink;
import java.util.List;

/** An MCP server needs the user's consent before the run can go on; the response ends with the links to give it. */
public class ConsentRequiredException extends RuntimeException {

    private final List<ConsentLink> links;
    private final boolean announced;

    public ConsentRequiredException(List<ConsentLink> links) {
        this(links, false);
    }

    /** @param announced whether the links were given to the client already, while the run waited */
    ConsentRequiredException(List<ConsentLink> links, boolean announced) {
        super("consent required for " + links.size() + " source(s)", null, false, false);
        this.links = List.copyOf(links);
        this.announced = announced;
    }

    /** The same, once its links have been given to the client. */
    ConsentRequiredException announced() {
        return new ConsentRequiredException(links, true);
    }

    boolean isAnnounced() {
        return announced;
    }

    public List<ConsentLink> links() {
        return links;
    }
}
