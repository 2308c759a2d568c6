package dev.mfa4j.benchmarks;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.atomic.LongAdder;
import javax.net.SocketFactory;

/**
 * Counts the database round trips of this JVM at the socket, whatever the JDBC code does: the
 * PostgreSQL driver opens its connections through this factory (its {@code socketFactory}
 * property), and every time a connection writes after it has read (or writes for the first
 * time), the client has turned to the server once more. Bytes each way are counted too.
 *
 * <p>A round trip is thus a request burst answered by the server: a statement sent with its
 * parameters and sync, however many packets it takes. Connection start-up and authentication
 * count as well, so read the counters across a window in which the pool makes no connections.
 */
public final class RoundTripCountingSocketFactory extends SocketFactory {

    private static final LongAdder ROUND_TRIPS = new LongAdder();
    private static final LongAdder BYTES_SENT = new LongAdder();
    private static final LongAdder BYTES_RECEIVED = new LongAdder();

    /** The driver makes one with no argument. */
    public RoundTripCountingSocketFactory() {
    }

    /** @return round trips of every connection so far */
    public static long roundTrips() {
        return ROUND_TRIPS.sum();
    }

    /** @return bytes written to the database so far */
    public static long bytesSent() {
        return BYTES_SENT.sum();
    }

    /** @return bytes read from the database so far */
    public static long bytesReceived() {
        return BYTES_RECEIVED.sum();
    }

    @Override
    public Socket createSocket() {
        return new CountingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = new CountingSocket();
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = new CountingSocket();
        socket.bind(new java.net.InetSocketAddress(localHost, localPort));
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket socket = new CountingSocket();
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = new CountingSocket();
        socket.bind(new java.net.InetSocketAddress(localAddress, localPort));
        socket.connect(new java.net.InetSocketAddress(address, port));
        return socket;
    }

    /** A plain socket whose streams note the turns of the conversation. One connection uses it from one thread at a time. */
    private static final class CountingSocket extends Socket {
        private volatile boolean lastWasWrite;
        private InputStream in;
        private OutputStream out;

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            received(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = super.read(buffer, offset, length);
                        if (n > 0) {
                            received(n);
                        }
                        return n;
                    }
                };
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        sent(1);
                        super.out.write(b);
                    }

                    @Override
                    public void write(byte[] buffer, int offset, int length) throws IOException {
                        sent(length);
                        super.out.write(buffer, offset, length);
                    }
                };
            }
            return out;
        }

        private void sent(int bytes) {
            if (!lastWasWrite) {
                lastWasWrite = true;
                ROUND_TRIPS.increment();
            }
            BYTES_SENT.add(bytes);
        }

        private void received(int bytes) {
            lastWasWrite = false;
            BYTES_RECEIVED.add(bytes);
        }
    }
}
