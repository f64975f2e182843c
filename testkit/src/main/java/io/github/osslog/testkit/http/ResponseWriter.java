package io.github.osslog.testkit.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Serialises responses onto one connection. Not thread-safe (one per connection). */
final class ResponseWriter {
    private final OutputStream out;
    private final StringBuilder head = new StringBuilder(512);

    ResponseWriter(OutputStream out) {
        this.out = out;
    }

    void write(HttpResponse response, boolean headRequest, boolean close) throws IOException {
        HttpResponse.Body body = response.body();
        head.setLength(0);
        head.append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status()))
                .append("\r\n");
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (!response.headers().containsKey("content-length")) {
            head.append("content-length: ").append(body.length()).append("\r\n");
        }
        head.append("connection: ").append(close ? "close" : "keep-alive").append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!headRequest && response.status() != 204 && response.status() != 304) {
            body.writeTo(out);
        }
        out.flush();
    }

    private static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 204: return "No Content";
            case 206: return "Partial Content";
            case 400: return "Bad Request";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 409: return "Conflict";
            case 411: return "Length Required";
            case 416: return "Requested Range Not Satisfiable";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 503: return "Service Unavailable";
            default: return "Status";
        }
    }
}
