package it.io.agenthost.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.ImageServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Footprint and cold start of the server against a floor: the same Open Liberty, server.xml and features with an
 * empty WAR in place of the application and its libraries; and the host again on the data the container image leaves
 * (an empty database, {@code fresh-data.sh}). Each is started from nothing three times, in turn, with the JVM options
 * the container image sets ({@link ImageServer}); measured: the time from the start command to
 * {@code /health/ready} answering UP, the resident set after 15 idle seconds and a full GC, and the live heap (the
 * least total of four {@code jcmd GC.class_histogram} in a row, each of which collects first); and, to say where the
 * start goes, the CPU time the server took to get ready, the classes it loaded and its JVM's time loading them
 * ({@code jcmd PerfCounter.print}). Then the floor and the host are started ten times more in alternating pairs,
 * timed to ready only, and the start's ratio is the median of the pairs' ratios. Prints each run and the medians.
 */
class FootprintBench {

    private static final int RUNS = 3;
    /**
     * Starts of the floor and the host in alternating pairs after the full runs, timed to ready only: this machine's
     * speed drifts by a third within minutes, so the start's ratio is taken pair by pair, and three are too few.
     */
    private static final int START_PAIRS = 10;
    private static final Duration IDLE = Duration.ofSeconds(15);

    private record Sample(double startSeconds, long rssKib, long liveHeapBytes, double cpuSeconds, long classes,
            double classLoadSeconds) {
    }

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    @Test
    void theServerAgainstAnEmptyWar() throws Exception {
        Path wlp = Path.of(System.getProperty("liberty.install.dir"));
        Path war = Path.of("target/agent-host.war");
        assertTrue(Files.isRegularFile(war), "package the WAR first");
        Path empty = Files.createTempFile("empty", ".war");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(empty), new Manifest())) {
            jar.flush();
        }
        List<Sample> floor = new ArrayList<>();
        List<Sample> host = new ArrayList<>();
        List<Sample> image = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            floor.add(measure("footprint-floor", 9095, empty, false, false));
            host.add(measure("footprint-host", 9096, war, true, false));
            image.add(measure("footprint-image", 9097, war, true, true));
            System.out.printf("run %d: floor %s%n       host  %s%n       image %s%n", run + 1, floor.get(run),
                    host.get(run), image.get(run));
        }
        List<Double> pairs = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            pairs.add(host.get(run).startSeconds() / floor.get(run).startSeconds());
        }
        for (int pair = 0; pair < START_PAIRS; pair++) {
            double floorReady = readySeconds("footprint-floor", 9095, empty, false);
            double hostReady = readySeconds("footprint-host", 9096, war, true);
            pairs.add(hostReady / floorReady);
            System.out.printf("start pair %d: floor %.2f s, host %.2f s%n", pair + 1, floorReady, hostReady);
        }
        List<Double> sorted = pairs.stream().sorted().toList();
        System.out.printf("host/floor ready, pair by pair (%d pairs): median %.2f, %s%n", sorted.size(),
                sorted.get(sorted.size() / 2), sorted.stream().map(r -> String.format("%.2f", r)).toList());
        Sample f = median(floor);
        Sample h = median(host);
        Sample i = median(image);
        long libraries;
        try (Stream<Path> jars = Files.list(wlp.resolve("usr/shared/resources/agent-host"))) {
            libraries = jars.mapToLong(jar -> jar.toFile().length()).sum();
        }
        System.out.printf("WAR: %,d bytes (empty: %,d), its libraries %,d bytes%n", Files.size(war), Files.size(empty),
                libraries);
        Map<String, Sample> servers = new LinkedHashMap<>();
        servers.put("floor (empty WAR)", f);
        servers.put("agent-host, no database yet", h);
        servers.put("agent-host, the image's data", i);
        System.out.printf("| server | ready s | idle RSS MiB | live heap MiB |%n|---|---:|---:|---:|%n");
        servers.forEach((name, sample) -> System.out.printf("| %s | %.1f | %d | %.1f |%n", name,
                sample.startSeconds(), sample.rssKib() / 1024, sample.liveHeapBytes() / 1048576.0));
        for (Sample server : List.of(h, i)) {
            System.out.printf("%s/floor: ready %.2f, RSS %.2f, live heap %.2f%n", server == h ? "host" : "image",
                    server.startSeconds() / f.startSeconds(), (double) server.rssKib() / f.rssKib(),
                    (double) server.liveHeapBytes() / f.liveHeapBytes());
        }
        System.out.printf("| server | CPU s to ready | cores busy | classes loaded | class loading s |%n"
                + "|---|---:|---:|---:|---:|%n");
        servers.forEach((name, sample) -> System.out.printf("| %s | %.1f | %.2f | %,d | %.1f |%n", name,
                sample.cpuSeconds(), sample.cpuSeconds() / sample.startSeconds(), sample.classes(),
                sample.classLoadSeconds()));
    }

    /**
     * @param libraries whether the application's libraries are on its class path: not for the floor, which is the
     *     server without the application
     * @param freshData whether the server's data is as the image leaves it ({@code fresh-data.sh}): an empty
     *     database; else there is none, as under {@code mvn liberty:run} or with a new bind mount
     */
    private static Sample measure(String name, int port, Path war, boolean libraries, boolean freshData)
            throws Exception {
        ImageServer server = ImageServer.create(name, port, war, libraries);
        if (freshData) {
            server.freshData();
        }
        ImageServer.Started started = server.startReady();
        Process process = started.process();
        try {
            double seconds = started.readySeconds();
            ProcessHandle java = javaOf(process);
            double cpu = cpuSeconds(java.pid());
            Thread.sleep(IDLE.toMillis());
            Map<String, String> counters = perfCounters(java.pid());
            double frequency = Double.parseDouble(counters.get("sun.os.hrt.frequency"));
            long liveHeap = liveHeap(java.pid());
            long rss = rssKib(java.pid());
            // The serial collector's full collection leaves some dead objects where they lie, up to 5 % of the old
            // generation (MarkSweepDeadRatio), except every fourth one (MarkSweepAlwaysCompactCount): the least of
            // four in a row is what is live.
            for (int more = 1; more < 4; more++) {
                liveHeap = Math.min(liveHeap, liveHeap(java.pid()));
            }
            return new Sample(seconds, rss, liveHeap, cpu, Long.parseLong(counters.get("java.cls.loadedClasses")),
                    Long.parseLong(counters.get("sun.cls.time")) / frequency);
        } finally {
            server.stop(process);
        }
    }

    private static double readySeconds(String name, int port, Path war, boolean libraries) throws Exception {
        ImageServer server = ImageServer.create(name, port, war, libraries);
        ImageServer.Started started = server.startReady();
        server.stop(started.process());
        return started.readySeconds();
    }

    /** The server's JVM: the script's process or, where it forks, the descendant that runs java. */
    private static ProcessHandle javaOf(Process process) {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no java process under the server"));
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /** User and system time of a process so far: fields 14 and 15 of its stat, after the command in parentheses. */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
    }

    /** The JVM's performance counters, by name: {@code name=value}, strings in quotes. */
    private static Map<String, String> perfCounters(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process print = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "PerfCounter.print")
                .redirectErrorStream(true).start();
        List<String> lines = new String(print.getInputStream().readAllBytes()).lines().toList();
        print.waitFor(60, TimeUnit.SECONDS);
        Map<String, String> counters = new HashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                counters.put(line.substring(0, equals), line.substring(equals + 1).replace("\"", ""));
            }
        }
        assertTrue(counters.containsKey("java.cls.loadedClasses") && counters.containsKey("sun.cls.time"),
                "no class loading counters: " + lines);
        return counters;
    }

    /** The histogram's last line: {@code Total <instances> <bytes>}, of what a full GC left. */
    private static long liveHeap(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process histogram = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        List<String> lines = new String(histogram.getInputStream().readAllBytes()).lines().toList();
        histogram.waitFor(60, TimeUnit.SECONDS);
        String total = lines.stream().filter(l -> l.startsWith("Total")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no histogram: " + lines));
        String[] fields = total.trim().split("\\s+");
        return Long.parseLong(fields[fields.length - 1]);
    }

    private static Sample median(List<Sample> samples) {
        int middle = samples.size() / 2;
        return new Sample(samples.stream().mapToDouble(Sample::startSeconds).sorted().toArray()[middle],
                samples.stream().mapToLong(Sample::rssKib).sorted().toArray()[middle],
                samples.stream().mapToLong(Sample::liveHeapBytes).sorted().toArray()[middle],
                samples.stream().mapToDouble(Sample::cpuSeconds).sorted().toArray()[middle],
                samples.stream().mapToLong(Sample::classes).sorted().toArray()[middle],
                samples.stream().mapToDouble(Sample::classLoadSeconds).sorted().toArray()[middle]);
    }
}
