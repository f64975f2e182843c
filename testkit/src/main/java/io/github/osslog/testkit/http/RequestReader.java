package io.github.osslog.testkit.http;

import io.github.osslog.core.internal.crc.Crc64;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads requests off one connection: request line, headers, and a Content-Length or chunked body, answering
 * {@code Expect: 100-continue} before the body. Not thread-safe (one per connection).
 */
final class RequestReader {
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Bytes read (and checksummed) per step, so the checksum keeps pace with the arriving body. */
    private static final int SLICE = 64 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final HttpHandler handler;
    private final int maxBody;
    private final StringBuilder line = new StringBuilder(128);
    private boolean http10;
    private boolean checksum;
    private long crc;

    RequestReader(InputStream in, OutputStream out, HttpHandler handler) {
        this.in = in;
        this.out = out;
        this.handler = handler;
        this.maxBody = handler.maxBodyBytes();
    }

    /** Returns the next request, or {@code null} when the client closed the connection between requests. */
    HttpRequest next() throws IOException, MalformedRequestException {
        String requestLine = readLine(true);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(true);
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new MalformedRequestException("invalid request line");
        }
        http10 = parts[2].equals("HTTP/1.0");
        String target = stripAuthority(parts[1]);
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String rawQuery = q < 0 ? "" : target.substring(q + 1);
        Map<String, String> headers = readHeaders();
        return readBody(parts[0].toUpperCase(Locale.ROOT), rawPath, rawQuery, headers);
    }

    /** Whether the last request asked for the connection to close after the response. */
    boolean wantsClose(HttpRequest request) {
        String connection = request.header("connection");
        if (connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
            return true;
        }
        return http10 && (connection == null || !connection.toLowerCase(Locale.ROOT).contains("keep-alive"));
    }

    private static String stripAuthority(String target) throws MalformedRequestException {
        if (target.startsWith("/")) {
            return target;
        }
        int scheme = target.indexOf("://");
        if (scheme < 0) {
            throw new MalformedRequestException("invalid request target");
        }
        int slash = target.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : target.substring(slash);
    }

    private Map<String, String> readHeaders() throws IOException, MalformedRequestException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String header = readLine(false);
            if (header.isEmpty()) {
                return headers;
            }
            int colon = header.indexOf(':');
            if (colon <= 0 || count >= MAX_HEADERS) {
                throw new MalformedRequestException("invalid header");
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + "," + b);
        }
    }

    private HttpRequest readBody(String method, String rawPath, String rawQuery, Map<String, String> headers)
            throws IOException, MalformedRequestException {
        String transferEncoding = headers.get("transfer-encoding");
        String contentLength = headers.get("content-length");
        boolean chunked = transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked");
        if (!chunked && contentLength == null) {
            return new HttpRequest(method, rawPath, rawQuery, headers, new byte[0], false, false, 0, true);
        }
        long declared = chunked ? -1 : parseLength(contentLength);
        if (declared > maxBody) {
            return new HttpRequest(method, rawPath, rawQuery, headers, null, true, true, 0, false);
        }
        HttpRequest head = new HttpRequest(method, rawPath, rawQuery, headers, null, true, false, 0, false);
        if (!handler.readsBody(head)) {
            return head.skippingBody();
        }
        checksum = handler.checksumBody(method, rawPath);
        crc = 0;
        String expect = headers.get("expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue")) {
            out.write(CONTINUE);
            out.flush();
        }
        byte[] body = chunked ? readChunked() : readDeclared((int) declared);
        if (body == null) {
            return new HttpRequest(method, rawPath, rawQuery, headers, null, true, true, 0, false);
        }
        return new HttpRequest(method, rawPath, rawQuery, headers, body, true, false, crc, checksum);
    }

    private static long parseLength(String value) throws MalformedRequestException {
        try {
            long length = Long.parseLong(value);
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedRequestException("invalid Content-Length");
    }

    /** Reads a chunked body; returns {@code null} when it outgrows the body limit (the rest stays unread). */
    private byte[] readChunked() throws IOException, MalformedRequestException {
        byte[] buf = new byte[8192];
        int size = 0;
        while (true) {
            String sizeLine = readLine(false);
            int semicolon = sizeLine.indexOf(';');
            long chunk;
            try {
                chunk = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new MalformedRequestException("invalid chunk size");
            }
            if (chunk < 0) {
                throw new MalformedRequestException("invalid chunk size");
            }
            if (chunk == 0) {
                while (!readLine(false).isEmpty()) {
                    // trailers are not used by OSS clients; skip them
                }
                return Arrays.copyOf(buf, size);
            }
            if (size + chunk > maxBody) {
                return null;
            }
            if (size + chunk > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(maxBody, Math.max(size + chunk, 2L * buf.length)));
            }
            readFully(buf, size, (int) chunk);
            size += (int) chunk;
            if (!readLine(false).isEmpty()) {
                throw new MalformedRequestException("chunk not followed by CRLF");
            }
        }
    }

    /**
     * Reads a body of the declared length into a buffer that grows as the bytes arrive: a client that declares
     * 2 GiB and sends little costs little.
     */
    private byte[] readDeclared(int declared) throws IOException {
        byte[] buf = new byte[Math.min(declared, SLICE)];
        int size = 0;
        while (size < declared) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(declared, 2L * buf.length));
            }
            int n = Math.min(buf.length - size, SLICE);
            readFully(buf, size, n);
            size += n;
        }
        return buf;
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, Math.min(len, SLICE));
            if (n < 0) {
                throw new EOFException("connection closed inside a request body");
            }
            if (checksum) {
                crc = Crc64.update(crc, b, off, n);
            }
            off += n;
            len -= n;
        }
    }

    /** Reads one line without its CR LF, as ISO-8859-1; {@code null} at end of stream when allowed. */
    private String readLine(boolean eofAllowed) throws IOException, MalformedRequestException {
        line.setLength(0);
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (eofAllowed && line.length() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a request head");
            }
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new MalformedRequestException("request head line too long");
            }
            line.append((char) c);
        }
    }
}
