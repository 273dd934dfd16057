package io.agenthost.toolbox;

import java.util.Objects;

/**
 * One consent the user has to give before a tool source can be used: {@code source} names the source (it becomes
 * the {@code server_label} of an {@code oauth_consent_request} item) and {@code link} is the https page to open.
 *
 * @see ConsentParser
 */
public record ConsentLink(String source, String link) {

    public ConsentLink {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(link, "link");
    }
}
