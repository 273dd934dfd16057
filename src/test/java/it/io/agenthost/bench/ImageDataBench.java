package it.io.agenthost.bench;

import it.io.agenthost.ImageServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A first start on the data the container image leaves ({@code fresh-data.sh}: an empty database) against one with no
 * data at all (the database created on the way to ready), in alternating pairs so that the machine's drift falls on
 * both alike. Prints each pair, the medians and the median of the pairs' differences.
 */
class ImageDataBench {

    private static final int PAIRS = 8;

    @Test
    void firstStartsWithAndWithoutTheImagesDatabase() throws Exception {
        Path war = Path.of("target/agent-host.war");
        List<Double> fresh = new ArrayList<>();
        List<Double> none = new ArrayList<>();
        List<Double> saved = new ArrayList<>();
        for (int pair = 0; pair < PAIRS; pair++) {
            boolean freshFirst = pair % 2 == 0;
            double first = readySeconds("image-data-a", 9095, war, freshFirst);
            double second = readySeconds("image-data-b", 9096, war, !freshFirst);
            fresh.add(freshFirst ? first : second);
            none.add(freshFirst ? second : first);
            saved.add(none.get(pair) - fresh.get(pair));
            System.out.printf("pair %d: image's data %.2f s, no data %.2f s%n", pair + 1, fresh.get(pair),
                    none.get(pair));
        }
        System.out.printf("medians: image's data %.2f s, no data %.2f s; the pairs' difference %.2f s%n",
                median(fresh), median(none), median(saved));
    }

    private static double readySeconds(String name, int port, Path war, boolean freshData) throws Exception {
        ImageServer server = ImageServer.create(name, port, war, true);
        try {
            if (freshData) {
                server.freshData();
            }
            ImageServer.Started started = server.startReady();
            server.stop(started.process());
            return started.readySeconds();
        } finally {
            server.delete();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
