package it.io.agenthost.hosting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The application's libraries are a private library of the server, not the WAR's {@code WEB-INF/lib}: the build
 * copies them twice, for the container image ({@code target/shared/agent-host}, which the README's deployment names)
 * and for its own servers, from two lists in pom.xml. The integration tests prove that the servers' copy is enough to
 * run; this proves that the image gets the same jars.
 */
class ApplicationLibrariesIT {

    @Test
    void theWarCarriesNoLibrariesAndTheImageGetsWhatTheServersRunWith() throws IOException {
        try (ZipFile war = new ZipFile("target/agent-host.war")) {
            List<String> libraries = war.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("WEB-INF/lib/") && name.endsWith(".jar")).toList();
            assertTrue(libraries.isEmpty(), "in the WAR: " + libraries);
        }
        Map<String, Long> image = jars(Path.of("target/shared/agent-host"));
        Map<String, Long> servers = jars(Path.of(System.getProperty("liberty.install.dir"), "usr/shared/resources",
                "agent-host"));
        assertFalse(servers.isEmpty(), "the build's servers have no libraries");
        assertTrue(servers.keySet().stream().anyMatch(name -> name.startsWith("mcp-core-")), servers.toString());
        assertEquals(servers, image);
    }

    /** The jars of a directory, by name, with their sizes. */
    private static Map<String, Long> jars(Path directory) throws IOException {
        Map<String, Long> jars = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                jars.put(file.getFileName().toString(), Files.size(file));
            }
        }
        return jars;
    }
}
