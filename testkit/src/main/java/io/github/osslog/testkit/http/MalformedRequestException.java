package io.github.osslog.testkit.http;

/** The bytes on the connection are not a well-formed HTTP/1.1 request. */
final class MalformedRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedRequestException(String message) {
        super(message);
    }
}
