package io.deltabridge.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltabridge.core.config.RegistryClientKeys;
import io.deltabridge.core.config.RegistryClientKeys.WriterSchema;
import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.config.SubjectNameStrategy;
import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API with {@code java.net.http}.
 *
 * <p>Settings ({@link RegistryConfig#properties()}, all optional): {@code ssl.truststore.*},
 * {@code ssl.keystore.*}, {@code ssl.key.password} (see {@link RegistryTls}); {@value #CONNECT_TIMEOUT_MS}
 * (default 10000), {@value #REQUEST_TIMEOUT_MS} (default 30000), {@value #RETRIES} (default 3: attempts
 * after the first on 5xx, timeouts and refused connections) and {@value #RETRY_BACKOFF_MS} (default 250,
 * doubled per attempt). Basic auth comes from {@link RegistryConfig#basicAuth()}, else from user info in the URL;
 * else a static bearer token ({@code bearer.auth.token}, with Confluent Cloud's {@code bearer.auth.logical.cluster} and
 * {@code bearer.auth.identity.pool.id} headers). {@code auto.register.schemas: false} only looks schemas up, {@code use.latest.version}
 * chooses the {@link #writerSchema()}, and
 * {@code key/value.subject.name.strategy} name the subjects (see {@link RegistryClientKeys}).
 *
 * <p>Ids are cached both ways (id → schema, (subject, schema) → id), so the hot path asks the registry
 * once per schema. Thread-safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    public static final String CONNECT_TIMEOUT_MS = "connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";
    public static final String RETRIES = "retries";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The API base URL without user info: used for requests and shown in messages. */
    private final String baseUrl;

    private final Optional<String> authorization;
    /** Further headers of every request: Confluent Cloud's routing of bearer-token requests. */
    private final Map<String, String> headers;

    private final boolean autoRegister;
    private final WriterSchema writerSchema;
    private final SubjectNameStrategy keyStrategy;
    private final SubjectNameStrategy valueStrategy;
    private final Duration requestTimeout;
    private final int retries;
    private final long retryBackoffMs;
    private final HttpClient http;

    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {}

    public HttpSchemaRegistryClient(RegistryConfig config) {
        String given = config.url().strip();
        String url = given.endsWith("/") ? given.substring(0, given.length() - 1) : given;
        RegistryUrls.check(url);
        this.baseUrl = RegistryUrls.withoutUserInfo(url);
        // credentials in the URL (https://user:pw@host) count as basic auth unless basic-auth is set
        Optional<String> credentials = config.basicAuth().or(() -> RegistryUrls.userInfo(url));
        Map<String, String> settings = config.properties();
        this.authorization = credentials
                .map(c -> "Basic " + Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8)))
                .or(() -> Optional.ofNullable(settings.get(RegistryClientKeys.BEARER_TOKEN))
                        .map(token -> "Bearer " + token.strip()));
        Map<String, String> extra = new HashMap<>();
        Optional.ofNullable(settings.get(RegistryClientKeys.BEARER_LOGICAL_CLUSTER))
                .ifPresent(v -> extra.put("target-sr-cluster", v));
        Optional.ofNullable(settings.get(RegistryClientKeys.BEARER_IDENTITY_POOL))
                .ifPresent(v -> extra.put("Confluent-Identity-Pool-Id", v));
        this.headers = Map.copyOf(extra);
        this.autoRegister = RegistryClientKeys.flag(settings, RegistryClientKeys.AUTO_REGISTER, true);
        this.writerSchema = RegistryClientKeys.writerSchema(settings);
        this.keyStrategy = RegistryClientKeys.strategy(settings, true);
        this.valueStrategy = RegistryClientKeys.strategy(settings, false);
        this.requestTimeout = Duration.ofMillis(number(settings, REQUEST_TIMEOUT_MS, 30_000));
        this.retries = (int) number(settings, RETRIES, 3);
        this.retryBackoffMs = number(settings, RETRY_BACKOFF_MS, 250);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(number(settings, CONNECT_TIMEOUT_MS, 10_000)))
                .followRedirects(HttpClient.Redirect.NORMAL);
        RegistryTls.context(settings).ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /** The registry URL as given, without credentials. */
    public String url() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        if (!autoRegister) {
            return lookup(subject, schema)
                    .orElseThrow(
                            () -> Problem.of("The schema is not registered under subject '%s' at %s", subject, baseUrl)
                                    .because(
                                            "schema-registry 'auto.register.schemas' is false, so the bridge only looks schemas up")
                                    .fix(
                                            "register the schema (see `bridge schema -m <mapping>`) under '%s', or set 'auto.register.schemas: true'",
                                            subject)
                                    .config());
        }
        RegistryResponse response = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        if (!response.ok()) {
            throw RegistryErrors.failed(
                    response, "register a schema under subject '" + subject + "'", subject, baseUrl);
        }
        int id = response.json().path("id").asInt();
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public WriterSchema writerSchema() {
        return writerSchema;
    }

    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
        return (isKey ? keyStrategy : valueStrategy).subject(topic, isKey, schema);
    }

    @Override
    public Optional<Integer> lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        RegistryResponse response = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        if (response.isNotFound()) {
            return Optional.empty();
        }
        if (!response.ok()) {
            throw RegistryErrors.failed(response, "look up a schema under subject '" + subject + "'", subject, baseUrl);
        }
        int id = response.json().path("id").asInt();
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return Optional.of(id);
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        RegistryResponse response = send("GET", "/schemas/ids/" + id, null);
        if (response.isNotFound()) {
            throw RegistryErrors.unknownId(id, baseUrl);
        }
        if (!response.ok()) {
            throw RegistryErrors.failed(response, "fetch schema id " + id, null, baseUrl);
        }
        Schema schema = parse(response.json(), "schema id " + id);
        Schema known = schemasById.putIfAbsent(id, schema);
        return known != null ? known : schema;
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        RegistryResponse response = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        if (response.isNotFound()) {
            return Optional.empty();
        }
        if (!response.ok()) {
            throw RegistryErrors.failed(
                    response, "fetch the latest schema of subject '" + subject + "'", subject, baseUrl);
        }
        JsonNode json = response.json();
        int id = json.path("id").asInt();
        Schema schema = parse(json, "the latest schema of subject '" + subject + "'");
        schemasById.putIfAbsent(id, schema);
        idsBySubjectSchema.putIfAbsent(new SubjectSchema(subject, schema), id);
        return Optional.of(
                new RegisteredSchema(subject, id, json.path("version").asInt(), schema));
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        RegistryResponse response =
                send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
        if (response.isNotFound()) {
            return true; // a new subject accepts any schema
        }
        if (!response.ok()) {
            throw RegistryErrors.failed(
                    response, "check compatibility under subject '" + subject + "'", subject, baseUrl);
        }
        return response.json().path("is_compatible").asBoolean(false);
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before Java 21; its threads end when it is unreachable
        schemasById.clear();
        idsBySubjectSchema.clear();
    }

    private RegistryResponse send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        headers.forEach(request::header);
        HttpRequest built = request.build();

        for (int attempt = 0; ; attempt++) {
            boolean last = attempt >= retries;
            try {
                HttpResponse<String> response =
                        http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                RegistryResponse result = RegistryResponse.of(method, path, response.statusCode(), response.body());
                if (result.status() < 500 || last) {
                    return result;
                }
                LOG.warn(
                        "Schema registry {} answered {} {} with HTTP {}; retrying ({}/{})",
                        baseUrl,
                        method,
                        path,
                        result.status(),
                        attempt + 1,
                        retries);
            } catch (IOException e) {
                if (last) {
                    throw RegistryErrors.unreachable(
                            baseUrl, method + " " + path, e instanceof HttpTimeoutException, attempt + 1, e);
                }
                LOG.warn(
                        "Schema registry {} did not answer {} {} ({}); retrying ({}/{})",
                        baseUrl,
                        method,
                        path,
                        e.toString(),
                        attempt + 1,
                        retries);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Problem.of("Interrupted while calling the schema registry at %s", baseUrl)
                        .because("the bridge is shutting down")
                        .fix("none needed")
                        .retriable(e);
            }
            sleep(retryBackoffMs << Math.min(attempt, 10));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.of("Interrupted while waiting to retry a schema registry call")
                    .because("the bridge is shutting down")
                    .fix("none needed")
                    .retriable(e);
        }
    }

    private Schema parse(JsonNode json, String what) {
        JsonNode type = json.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw Problem.of("The schema registry's %s is a %s schema, not Avro", what, type.asText())
                    .because("deltabridge reads and writes Avro with the registry")
                    .fix("use format: json for this mapping, or register Avro schemas under this subject")
                    .data();
        }
        String text = json.path("schema").asText(null);
        if (text == null) {
            throw Problem.of("The schema registry at %s returned no schema for %s", baseUrl, what)
                    .because("the response has no 'schema' field: %s", RegistryErrors.brief(json.toString()))
                    .fix("check that the URL is a Confluent-compatible API (Apicurio: .../apis/ccompat/v7)")
                    .config();
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw Problem.of("The schema registry's %s is not a valid Avro schema", what)
                    .because("%s", e.getMessage())
                    .fix("register a valid Avro schema")
                    .data(e);
        }
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static long number(Map<String, String> settings, String key, long defaultValue) {
        String value = settings.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed < 0) {
                throw new NumberFormatException("negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw Problem.of("Schema registry setting '%s' is '%s', not a number", key, value)
                    .because("it must be a whole number of at least 0")
                    .fix("set schema-registry '%s' to e.g. %d", key, defaultValue)
                    .config();
        }
    }

    /** One answer of the registry; {@code json} is the parsed body (empty when it is not JSON). */
    record RegistryResponse(String method, String path, int status, String body, JsonNode json) {
        static RegistryResponse of(String method, String path, int status, String body) {
            JsonNode json;
            try {
                json = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException notJson) {
                json = JSON.createObjectNode();
            }
            return new RegistryResponse(method, path, status, body, json);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /**
         * 404 with a Confluent error code: 40401 (subject), 40402 (version) or 40403 (schema). A 404
         * without one means the URL is not a registry API, which is not "not found".
         */
        boolean isNotFound() {
            return status == 404 && errorCode() != 404;
        }

        /** The Confluent {@code error_code}, or the HTTP status when there is none (Apicurio sends 0 with 409). */
        int errorCode() {
            int code = json.path("error_code").asInt(0);
            return code > 0 ? code : status;
        }

        /** The registry's own explanation. */
        String message() {
            String message = json.path("message").asText("");
            return message.isEmpty() ? RegistryErrors.brief(body) : message;
        }
    }
}
