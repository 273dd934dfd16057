package io.agenthost.responses;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The HTTP API lives at the root: {@code /v1/...} as OpenAI's. */
@ApplicationPath("/")
public class RestApplication extends Application {
}
