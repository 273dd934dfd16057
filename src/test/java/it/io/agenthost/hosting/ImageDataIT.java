package it.io.agenthost.hosting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.ImageServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the container image ships of a server's data. The image's build starts the server to fill OpenJ9's class cache
 * ({@code configure.sh}), and the application then generates an OAuth token key and seals a database with it; this
 * replays that on a server of the build's Open Liberty made as the image makes its own, then the image's
 * {@code fresh-data.sh}, and a container's first start. No container engine runs here, so the Containerfile itself is
 * checked as text: the script must run in the same step as {@code configure.sh}, since a later step would leave the
 * key in the warm-up's layer.
 */
class ImageDataIT {

    private static final Path KEY = Path.of("data/oauth-token.key");

    @Test
    void theImageShipsNoTokenKeyAndAnEmptyDatabaseThatTheFirstStartTakesUp() throws Exception {
        ImageServer server = ImageServer.create("image-data", 9098, Path.of("target/agent-host.war"), true);
        try {
            start(server);
            Path key = server.directory().resolve(KEY);
            assertTrue(Files.isRegularFile(key), "the warm-up start made no token key: nothing to take out");
            String warmUpKey = Files.readString(key);

            server.freshData();
            assertFalse(Files.exists(key), "the image would ship the warm-up's token key");
            assertEquals(List.of(), tables(server.directory().resolve("data/agenthost")),
                    "the image's database holds what the warm-up made");
            assertEquals(List.of(), notGroupWritable(server.directory().resolve("data")),
                    "a container that runs as another user of group 0 could not write them");

            start(server);
            assertTrue(Files.isRegularFile(key), "the first start made no token key of its own");
            assertNotEquals(warmUpKey, Files.readString(key));
            assertTrue(tables(server.directory().resolve("data/agenthost")).contains("AH_OAUTH"),
                    "the first start made no tables in the image's database");
        } finally {
            server.delete();
        }
    }

    @Test
    void theContainerfileTakesTheDataOutInTheStepThatMadeIt() throws Exception {
        String containerfile = Files.readString(Path.of("Containerfile"));
        assertTrue(Pattern.compile("(?m)^RUN configure\\.sh && sh /opt/agent-host/fresh-data\\.sh /opt/ol/wlp "
                + "/opt/ol/wlp/output/defaultServer$").matcher(containerfile).find(), containerfile);
        assertTrue(containerfile.contains("COPY --chown=1001:0 src/main/liberty/container/fresh-data.sh "
                + "/opt/agent-host/"), containerfile);
        assertEquals(1, Pattern.compile("(?m)^RUN .*configure\\.sh").matcher(containerfile).results().count(),
                "configure.sh runs in one step only");
    }

    private static List<Path> notGroupWritable(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> {
                try {
                    return !Files.getPosixFilePermissions(file).contains(PosixFilePermission.GROUP_WRITE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    /** Starts the server to ready and stops it again. */
    private static void start(ImageServer server) throws Exception {
        server.stop(server.startReady().process());
    }

    /** The user tables of a Derby database, booted in this JVM and shut down again; it must exist already. */
    private static List<String> tables(Path database) throws SQLException {
        String url = "jdbc:derby:" + database.toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url);
                ResultSet found = connection.createStatement()
                        .executeQuery("SELECT TABLENAME FROM SYS.SYSTABLES WHERE TABLETYPE = 'T' ORDER BY 1")) {
            List<String> names = new ArrayList<>();
            while (found.next()) {
                names.add(found.getString(1));
            }
            return names;
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true");
            } catch (SQLException shutDown) {
                // Derby answers a shutdown that went well with an exception of its own
                if (!"08006".equals(shutDown.getSQLState())) {
                    throw shutDown;
                }
            }
        }
    }
}
