package it.io.agenthost.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * A TCP relay in front of the tests' PostgreSQL that can lose the answer to one commit, as a network or a failover
 * can: the commit reaches the database and is carried out, and the relay then drops the connection instead of
 * passing the answer on. Armed with a pattern of a statement: the first connection to execute it loses the answer to its
 * next {@code COMMIT}.
 */
final class CommitLosingRelay implements AutoCloseable {

    private static final String COMMIT = "COMMIT";

    private final ServerSocket listener;
    private final int database;
    private final ExecutorService pumps = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "commit-losing-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Pattern> armed = new AtomicReference<>();
    private final AtomicInteger lost = new AtomicInteger();

    CommitLosingRelay(int port, int database) throws IOException {
        this.database = database;
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress("127.0.0.1", port));
        pumps.submit(this::accept);
    }

    /** The next connection to execute a statement {@code sql} finds in loses the answer to the commit after it. */
    void loseTheCommitAfter(String sql) {
        armed.set(Pattern.compile(sql));
    }

    /** How many commits' answers were lost. */
    int lost() {
        return lost.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        pumps.shutdownNow();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Link link = new Link(listener.accept(), new Socket("127.0.0.1", database));
                pumps.submit(link::toDatabase);
                pumps.submit(link::toClient);
            } catch (IOException e) {
                // closed, or the database refused: the client sees its connection end
            }
        }
    }

    private final class Link {

        private final Socket client;
        private final Socket server;
        /** This connection sent the armed statement: its next commit's answer is lost. */
        private volatile boolean chosen;
        /** It sent that commit: whatever the database answers next is not passed on. */
        private volatile boolean committing;
        private final FrontendMessages messages = new FrontendMessages();

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void toDatabase() {
            byte[] buffer = new byte[65536];
            try (client; server) {
                InputStream in = client.getInputStream();
                OutputStream out = server.getOutputStream();
                for (int read; (read = in.read(buffer)) > 0; ) {
                    // Each statement is seen before the database gets it, so a commit is marked before it is answered.
                    messages.add(buffer, read).forEach(this::executing);
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side went
            }
        }

        private void executing(String sql) {
            Pattern statement = armed.get();
            if (statement != null && statement.matcher(sql).find() && armed.compareAndSet(statement, null)) {
                chosen = true;
            } else if (chosen && sql.startsWith(COMMIT)) {
                committing = true;
            }
        }

        void toClient() {
            byte[] buffer = new byte[65536];
            try (client; server) {
                InputStream in = server.getInputStream();
                OutputStream out = client.getOutputStream();
                for (int read; (read = in.read(buffer)) > 0; ) {
                    if (committing) {
                        // The database answered the commit, so it is carried out; the client never hears it.
                        lost.incrementAndGet();
                        return;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side went
            }
        }
    }
}
