package io.github.osslog.core.oss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Random;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TunedSocketFactoryTest {
    /** How long the peer waits to see that nothing was sent; a send over loopback arrives in microseconds. */
    private static final int QUIET_MILLIS = 300;

    private ServerSocket listener;
    private Socket client;
    private Socket peer;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {client, peer, listener}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    private void connect(TunedSocketFactory factory) throws IOException {
        client = factory.createSocket();
        client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 5_000);
        peer = listener.accept();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        assertEquals(n, b.length, "the peer got fewer bytes than were sent");
        return b;
    }

    @Test
    void plainSocketsGatherOkioSizedWritesUntilFlushed() throws IOException {
        connect(new TunedSocketFactory(SocketFactory.getDefault(), false));
        assertTrue(client.getTcpNoDelay());
        byte[] body = random(3 * 8192);
        OutputStream out = client.getOutputStream();
        for (int at = 0; at < body.length; at += 8192) {
            out.write(body, at, 8192);
        }
        peer.setSoTimeout(QUIET_MILLIS);
        assertThrows(SocketTimeoutException.class, () -> peer.getInputStream().read(),
                "writes below the send buffer must wait for a flush");
        out.flush();
        peer.setSoTimeout(5_000);
        assertArrayEquals(body, readFully(peer.getInputStream(), body.length));
    }

    @Test
    void aFullSendBufferGoesWithoutAFlush() throws IOException {
        connect(new TunedSocketFactory(SocketFactory.getDefault(), false));
        byte[] body = random(TunedSocketFactory.SEND_BUFFER + 8192);
        OutputStream out = client.getOutputStream();
        for (int at = 0; at < body.length; at += 8192) {
            out.write(body, at, 8192);
        }
        peer.setSoTimeout(5_000);
        byte[] sent = readFully(peer.getInputStream(), TunedSocketFactory.SEND_BUFFER);
        assertArrayEquals(java.util.Arrays.copyOf(body, sent.length), sent);
        out.flush();
        assertArrayEquals(java.util.Arrays.copyOfRange(body, sent.length, body.length),
                readFully(peer.getInputStream(), body.length - sent.length));
    }

    @Test
    void socketsForTlsAreNotGathered() throws IOException {
        connect(new TunedSocketFactory(SocketFactory.getDefault(), true));
        assertTrue(client.getTcpNoDelay());
        assertFalse(client instanceof TunedSocketFactory.GatheringSocket);
        client.getOutputStream().write(42);
        peer.setSoTimeout(5_000);
        assertEquals(42, peer.getInputStream().read(), "an unflushed write reaches the peer at once");
    }
}
