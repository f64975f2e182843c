package io.github.osslog.core.auth;

import io.github.osslog.core.internal.http.BoundedReads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Fetches RAM role credentials from the ECS instance metadata service, hardened mode (session token) first.
 * Holds no mutable state, so it is thread-safe. Messages name the role and the metadata URL, never a secret,
 * a token or a response body. It follows no redirect (the session token header must go nowhere else) and reads at
 * most {@link BoundedReads#SMALL_BODY} of any answer.
 */
final class EcsMetadataClient {
    /** Lifetime requested for a metadata session token; each refresh fetches a new one, so it only needs to outlive one fetch. */
    static final int TOKEN_TTL_SECONDS = 60;
    static final String TOKEN_PATH = "latest/api/token";
    static final String CREDENTIALS_PATH = "latest/meta-data/ram/security-credentials/";
    static final String TOKEN_TTL_HEADER = "X-aliyun-ecs-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "X-aliyun-ecs-metadata-token";

    private final HttpUrl baseUrl;
    private final OkHttpClient httpClient;
    private final String roleName;
    private final boolean hardenedOnly;

    /** {@code roleName} {@code null} means: ask the metadata service which role the instance has. */
    EcsMetadataClient(HttpUrl baseUrl, OkHttpClient httpClient, String roleName, boolean hardenedOnly) {
        this.baseUrl = baseUrl;
        this.httpClient = httpClient.newBuilder().followRedirects(false).followSslRedirects(false).build();
        this.roleName = roleName;
        this.hardenedOnly = hardenedOnly;
    }

    /**
     * One round trip for fresh credentials (plus the token and role discovery requests).
     *
     * @throws CredentialsException when the service cannot be reached or answers anything but valid credentials
     */
    Credentials fetch() {
        String token = sessionToken();
        String role = roleName != null ? roleName : discoverRole(token);
        HttpUrl url = baseUrl.newBuilder().addPathSegments(CREDENTIALS_PATH).addPathSegment(role).build();
        return parse(get(url, token, "credentials of RAM role '" + role + "'"), role);
    }

    /** The hardened-mode token, or {@code null} to fall back to normal mode when that is allowed. */
    private String sessionToken() {
        Request request = new Request.Builder()
                .url(baseUrl.newBuilder().addPathSegments(TOKEN_PATH).build())
                .put(RequestBody.create(new byte[0], null))
                .header(TOKEN_TTL_HEADER, Integer.toString(TOKEN_TTL_SECONDS))
                .build();
        String problem;
        Call call = httpClient.newCall(request);
        try (Response response = call.execute()) {
            String token = response.isSuccessful() ? text(call, response, "the hardened-mode token").trim() : "";
            // a token with a control character would make the HTTP library quote it in an exception
            if (!token.isEmpty() && SecretValues.problem(token) == null) {
                return token;
            }
            problem = !response.isSuccessful() ? "HTTP " + response.code()
                    : token.isEmpty() ? "an empty token" : "a token with characters outside printable ASCII";
        } catch (IOException e) {
            problem = e.getClass().getSimpleName();
        }
        if (hardenedOnly) {
            throw new CredentialsException("ECS metadata service at " + baseUrl + " gave no hardened-mode token ("
                    + problem + ") and hardenedOnly is set: enable hardened mode on the instance's metadata"
                    + " service, or turn hardenedOnly off to allow normal mode");
        }
        return null;
    }

    private String discoverRole(String token) {
        String body = get(baseUrl.newBuilder().addPathSegments(CREDENTIALS_PATH).build(), token, "the RAM role name");
        String role = body.trim();
        int lineEnd = role.indexOf('\n');
        role = (lineEnd < 0 ? role : role.substring(0, lineEnd)).trim();
        if (role.isEmpty()) {
            throw new CredentialsException("ECS metadata service at " + baseUrl + " lists no RAM role: attach a RAM"
                    + " role to the instance, or name one with ALIBABA_CLOUD_ECS_METADATA / roleName");
        }
        return role;
    }

    private String get(HttpUrl url, String token, String what) {
        Request.Builder request = new Request.Builder().url(url).get();
        if (token != null) {
            request.header(TOKEN_HEADER, token);
        }
        Call call = httpClient.newCall(request.build());
        try (Response response = call.execute()) {
            if (response.code() >= 500) {
                throw new CredentialsException("ECS metadata service at " + baseUrl + " failed to answer " + what
                        + " (HTTP " + response.code() + "): a transient failure of the service, asked again later");
            }
            if (!response.isSuccessful()) {
                throw new CredentialsException("ECS metadata service at " + baseUrl + " refused " + what + " (HTTP "
                        + response.code() + "): check that the instance has this RAM role attached and the role"
                        + " name is spelled right");
            }
            return text(call, response, what);
        } catch (IOException e) {
            throw new CredentialsException("Could not reach the ECS metadata service at " + baseUrl + " for " + what
                    + " (" + e.getClass().getSimpleName() + "): ECS RAM role credentials only work on an ECS"
                    + " instance; elsewhere configure accessKeyId/accessKeySecret or OSS_ACCESS_KEY_ID/"
                    + "OSS_ACCESS_KEY_SECRET", e);
        }
    }

    /** The body as UTF-8, refused when longer than {@link BoundedReads#SMALL_BODY}. */
    private String text(Call call, Response response, String what) throws IOException {
        byte[] body = BoundedReads.head(call, response, BoundedReads.SMALL_BODY);
        if (call.isCanceled()) {
            throw new CredentialsException("ECS metadata service at " + baseUrl + " answered " + what + " with more"
                    + " than " + BoundedReads.SMALL_BODY + " bytes, which no metadata service sends: check"
                    + " metadataBaseUrl");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private Credentials parse(String body, String role) {
        String source = "ECS metadata credentials of RAM role '" + role + "'";
        Map<String, String> json;
        try {
            json = FlatJson.parseObject(body);
        } catch (IllegalArgumentException e) {
            throw new CredentialsException(source + " are not valid JSON (" + e.getMessage() + ")");
        }
        String code = json.get("Code");
        if (!"Success".equals(code)) {
            throw new CredentialsException(source + " report Code=" + code + " instead of Success: check the role's"
                    + " trust policy and that it is attached to this instance");
        }
        String id = required(json, "AccessKeyId", source);
        String secret = required(json, "AccessKeySecret", source);
        String token = required(json, "SecurityToken", source);
        Instant expiration;
        try {
            expiration = Instant.parse(required(json, "Expiration", source));
        } catch (DateTimeParseException e) {
            throw new CredentialsException(source + " have an Expiration that is not an ISO-8601 instant");
        }
        return Credentials.of(id, secret, token, expiration);
    }

    /** The field without surrounding whitespace; refused when missing or holding a character outside printable ASCII. */
    private static String required(Map<String, String> json, String field, String source) {
        String value = SecretValues.clean(json.get(field), "the field " + field + " of the " + source);
        if (value == null) {
            throw new CredentialsException(source + " lack the field " + field);
        }
        return value;
    }

    @Override
    public String toString() {
        return "metadata=" + baseUrl + ", role=" + (roleName == null ? "<discovered>" : roleName)
                + ", hardenedOnly=" + hardenedOnly;
    }
}
