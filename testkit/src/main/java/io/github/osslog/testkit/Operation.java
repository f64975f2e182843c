package io.github.osslog.testkit;

/** The OSS operation a request asks for, as the server classified it. */
public enum Operation {
    APPEND_OBJECT, PUT_OBJECT, GET_OBJECT, HEAD_OBJECT, GET_OBJECT_META, DELETE_OBJECT, LIST_OBJECTS, LIST_OBJECTS_V2,
    /** The benchmark route that reads the body and answers 200 without touching storage. */
    DISCARD,
    /** Anything the testkit does not implement, or a request too malformed to classify. */
    OTHER
}
