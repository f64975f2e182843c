package io.github.osslog.core.oss;

import io.github.osslog.core.internal.sign.SignableRequest;
import io.github.osslog.core.internal.sign.V1Signer;
import io.github.osslog.core.internal.sign.V4Signer;
import java.util.TreeSet;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * Recomputes, as a server would, the Authorization a received request should carry: proof that what went on the
 * wire (path encoding, query, signed headers, content type) is exactly what was signed.
 */
final class ReceivedSignature {
    private ReceivedSignature() {
    }

    static SignableRequest asSigned(RecordedRequest received, String bucket) {
        HttpUrl url = received.getUrl();
        String path = String.join("/", url.pathSegments());
        boolean virtualHosted = received.getHeaders().get("Host").startsWith(bucket + ".");
        String key = virtualHosted ? path : path.substring(bucket.length() + 1);
        SignableRequest request = new SignableRequest(received.getMethod(), bucket, key);
        for (String name : url.queryParameterNames()) {
            request.query(name, url.queryParameter(name));
        }
        for (String name : received.getHeaders().names()) {
            request.header(name, received.getHeaders().get(name));
        }
        return request;
    }

    static String expectedV4(RecordedRequest received, String bucket, String region, String ak, String sk) {
        SignableRequest request = asSigned(received, bucket);
        String date = request.header("x-oss-date");
        String canonical = V4Signer.canonicalRequest(request, new TreeSet<>());
        String signature = V4Signer.signature(sk, region, date, V4Signer.stringToSign(date, region, canonical));
        return V4Signer.authorization(ak, region, date, new TreeSet<>(), signature);
    }

    static String expectedV1(RecordedRequest received, String bucket, String ak, String sk) {
        return "OSS " + ak + ":" + V1Signer.signature(sk, V1Signer.stringToSign(asSigned(received, bucket)));
    }
}
