package dev.mfa4j.duo.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A minimal CONNECT-only proxy on loopback that records the targets it was asked for. */
public final class ConnectProxy implements AutoCloseable {
    private final ServerSocket socket;
    /** The CONNECT request lines received, in order. */
    public final List<String> connects = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-connect-proxy");
        t.setDaemon(true);
        return t;
    });

    /** @throws IOException if no loopback port can be bound */
    public ConnectProxy() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    /** @return the port it listens on, on loopback */
    public int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                threads.submit(() -> tunnel(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void tunnel(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String requestLine = head.lines().findFirst().orElse("");
            connects.add(requestLine);
            String[] parts = requestLine.split(" ");
            if (parts.length < 2 || !parts[0].equals("CONNECT")) {
                client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String[] target = parts[1].split(":");
            // Only ever to loopback, whatever the name asked for.
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(target[1]))) {
                client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                var back = threads.submit(() -> pipe(upstream.getInputStream(), client.getOutputStream()));
                pipe(in, upstream.getOutputStream());
                back.get();
            }
        } catch (Exception e) {
            // the connection ends
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static Void pipe(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = from.read(buffer)) >= 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // closed by the other side
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
