package mr.bacmr.retrieval.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP forwarder between the app and another real service, which a test can cut (every open connection is
 * reset, new ones are refused: the service is unreachable) and restore, without stopping the service that other
 * tests use. Controlled over HTTP ({@code POST /cut}, {@code POST /restore} on {@link #controlUrl()}) so that tests
 * in any class loader can drive it.
 */
public final class FaultyLink implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "faulty-link");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final HttpServer control;
    private volatile ServerSocket listener;

    public FaultyLink(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            listener = bind(0);
            port = listener.getLocalPort();
            control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        control.createContext("/cut", exchange -> {
            cut();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        control.createContext("/restore", exchange -> {
            restore();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        control.start();
        accept(listener);
    }

    /** Where the app should connect instead of the target. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String controlUrl() {
        return "http://127.0.0.1:" + control.getAddress().getPort();
    }

    public synchronized void cut() {
        closeQuietly(listener);
        open.forEach(FaultyLink::closeQuietly);
        open.clear();
    }

    public synchronized void restore() {
        if (!listener.isClosed()) {
            return;
        }
        try {
            listener = bind(port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on " + port + " again", e);
        }
        accept(listener);
    }

    @Override
    public void close() {
        cut();
        control.stop(0);
        threads.shutdownNow();
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        return socket;
    }

    private void accept(ServerSocket server) {
        threads.execute(() -> {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    continue; // listener closed by cut()
                }
                try {
                    Socket upstream = new Socket(targetHost, targetPort);
                    open.add(client);
                    open.add(upstream);
                    threads.execute(() -> pipe(client, upstream));
                    threads.execute(() -> pipe(upstream, client));
                } catch (IOException e) {
                    closeQuietly(client); // the target refused: so does the link
                }
            }
        });
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (SocketException e) {
            // cut, or the other side closed
        } catch (IOException e) {
            // same
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
