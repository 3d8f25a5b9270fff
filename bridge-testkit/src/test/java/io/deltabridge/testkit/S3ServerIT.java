package io.deltabridge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the log store tests rely on: the server refuses to overwrite an existing key under {@code If-None-Match: *}. */
@ExtendWith(S3ServerExtension.class)
class S3ServerIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void conditionalPutCreatesOnceThenAnswers412(S3Server s3) throws Exception {
        assertEquals(200, putIfAbsent(s3, "once.json", "first"));
        assertEquals(412, putIfAbsent(s3, "once.json", "second"));
        HttpResponse<String> got = http.send(HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + S3Server.BUCKET + "/once.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("first", got.body());
    }

    private int putIfAbsent(S3Server s3, String key, String body) throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + S3Server.BUCKET + "/" + key))
                .header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
