package io.agenthost.hosting;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, as {@code x-platform-server} names it; written into the WAR by the Maven build. */
@ApplicationScoped
public class ServerVersion {

    private final String version;

    public ServerVersion() {
        Properties properties = new Properties();
        try (InputStream in = ServerVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("version.properties cannot be read", e);
        }
        this.version = properties.getProperty("version", "unknown");
    }

    public String version() {
        return version;
    }
}
