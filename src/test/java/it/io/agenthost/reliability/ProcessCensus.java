package it.io.agenthost.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a running JVM holds, read from Linux's {@code /proc}: its threads, its open file descriptors, and its TCP
 * connections to one port. Full collections first ({@code jcmd GC.run}), so that what is only waiting for the
 * collector (an HTTP client nobody references, and its selector thread) is not counted as held.
 */
record ProcessCensus(long threads, long httpClientThreads, long fileDescriptors, long connections) {

    /** Counts once what the process holds has settled: two counts in a row, each after a collection, agree. */
    static ProcessCensus of(long pid, int remotePort) throws Exception {
        Path proc = Path.of("/proc", String.valueOf(pid));
        ProcessCensus last = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            collectGarbage(pid);
            // Selector threads notice that their client is gone on their next wake-up.
            Thread.sleep(2000);
            List<String> names = threadNames(proc);
            ProcessCensus now = new ProcessCensus(names.size(),
                    names.stream().filter(n -> n.startsWith("HttpClient-")).count(), count(proc.resolve("fd")),
                    held(proc, remotePort));
            if (last != null && now.threads == last.threads && now.connections == last.connections) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static void collectGarbage(long pid) throws Exception {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.run failed on " + pid);
        }
    }

    private static List<String> threadNames(Path proc) {
        try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
            return tasks.map(task -> {
                try {
                    return Files.readString(task.resolve("comm")).trim();
                } catch (IOException gone) {
                    return "";
                }
            }).filter(name -> !name.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long count(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Connections to {@code remotePort} that are open on this side, in the process's network namespace
     * ({@code net/tcp}: local address, remote address as hex {@code ip:port}, state): established ({@code 01}), or
     * closed by the server but not yet by the client ({@code 08}, CLOSE_WAIT). On one machine these are the client
     * ends; the test's own JVM does not talk to that port.
     */
    private static long held(Path proc, int remotePort) throws IOException {
        String port = ":" + String.format(Locale.ROOT, "%04X", remotePort);
        long count = 0;
        for (String table : List.of("net/tcp", "net/tcp6")) {
            Path file = proc.resolve(table);
            if (Files.exists(file)) {
                count += Files.readAllLines(file).stream().map(line -> line.trim().split("\\s+"))
                        .filter(fields -> fields.length > 3 && fields[2].endsWith(port)
                                && (fields[3].equals("01") || fields[3].equals("08")))
                        .count();
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return threads + " threads (" + httpClientThreads + " of HTTP clients), " + fileDescriptors
                + " file descriptors, " + connections + " connections to the MCP server";
    }
}
