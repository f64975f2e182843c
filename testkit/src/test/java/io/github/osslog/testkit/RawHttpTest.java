package io.github.osslog.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP layer on a raw socket: framing, keep-alive, chunked bodies, 100-continue and malformed input. */
class RawHttpTest {
    private OssTestServer server;
    private Socket socket;

    @BeforeEach
    void start() throws IOException {
        server = OssTestServer.builder().credentials("AK", "SK").bucket("logs").maxObjectSize(1024).start();
        socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(5000);
    }

    @AfterEach
    void stop() throws IOException {
        socket.close();
        server.close();
    }

    private void send(String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one response (head plus content-length body). */
    private String readResponse() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1.name()).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1.name());
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.startsWith("content-length: ") && !text.startsWith("HTTP/1.1 100")) {
                length = Integer.parseInt(line.substring("content-length: ".length()));
            }
        }
        byte[] body = in.readNBytes(text.contains("HEAD") ? 0 : length);
        return text + new String(body, StandardCharsets.UTF_8);
    }

    private boolean closedByServer() throws IOException {
        return socket.getInputStream().read() < 0;
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnectionWithLowerCaseHeaders() throws IOException {
        send("GET /logs/a HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        String first = readResponse();
        send("GET /logs/b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        String second = readResponse();

        assertTrue(first.startsWith("HTTP/1.1 403 "), first);
        assertTrue(first.contains("\r\nx-oss-request-id: ") && first.contains("\r\nx-oss-ec: 0003-00000001"), first);
        assertTrue(first.contains("\r\nconnection: keep-alive\r\n"), first);
        assertTrue(second.startsWith("HTTP/1.1 403 "), second);
    }

    @Test
    void missingContentLengthIs411() throws IOException {
        send("POST /logs/a?append&position=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        String response = readResponse();

        assertTrue(response.startsWith("HTTP/1.1 411 "), response);
        assertTrue(response.contains("<Code>MissingContentLength</Code>"), response);
    }

    @Test
    void chunkedBodyAndExpectContinueAreRead() throws IOException {
        send("POST " + OssTestServer.DISCARD_PATH + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + "Expect: 100-continue\r\n\r\n");
        String interim = readResponse();
        send("5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n");
        String response = readResponse();

        assertTrue(interim.startsWith("HTTP/1.1 100 Continue"), interim);
        assertTrue(response.startsWith("HTTP/1.1 200 "), response);
        assertEquals(11, server.journal().entries(Operation.DISCARD).get(0).length());
    }

    @Test
    void bodyOverTheLimitIsRefusedUnreadAndTheConnectionCloses() throws IOException {
        send("PUT /logs/big HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");

        String response = readResponse();

        assertTrue(response.startsWith("HTTP/1.1 400 "), response);
        assertTrue(response.contains("<Code>EntityTooLarge</Code>"), response);
        assertTrue(response.contains("\r\nconnection: close\r\n"), response);
        assertTrue(closedByServer());
    }

    @Test
    void malformedRequestsGetAnOssErrorAndTheConnectionCloses() throws IOException {
        send("NONSENSE\r\n\r\n");

        String response = readResponse();

        assertTrue(response.startsWith("HTTP/1.1 400 "), response);
        assertTrue(response.contains("<Code>InvalidArgument</Code>"), response);
        assertTrue(closedByServer());
    }

    @Test
    void aBadContentLengthIsAnInvalidArgument() throws IOException {
        send("PUT /logs/a HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n");
        assertTrue(readResponse().contains("<Code>InvalidArgument</Code>"));
    }

    @Test
    void theBodyOfAnUnauthenticatedUploadIsNotRead() throws IOException {
        // a bad chunk would be an InvalidArgument, but the request is refused before any body byte is read
        try (Socket other = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            other.getOutputStream().write(("PUT /logs/a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "zz\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 403 ") && response.contains("<Code>AccessDenied</Code>")
                    && response.contains("\r\nconnection: close\r\n"), response);
        }
    }

    @Test
    void percentEncodedTildeAndRawTildeNameTheSameKey() throws IOException {
        server.foreignAppend("logs", "a~b", "x".getBytes(StandardCharsets.UTF_8));
        send("GET /logs/a%7Eb HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        String encoded = readResponse();
        send("GET /logs/a%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        String broken = readResponse();

        assertTrue(encoded.startsWith("HTTP/1.1 403 "), encoded); // reached auth: the key decoded fine
        assertTrue(broken.contains("<Code>InvalidObjectName</Code>"), broken);
    }
}
