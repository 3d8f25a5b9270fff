package io.deltabridge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the log store tests rely on: the server refuses to overwrite an existing key under {@code If-None-Match: *},
 * and of writers racing for one key exactly one is told "created", and its content is what stays.
 */
@ExtendWith(S3ServerExtension.class)
class S3ServerIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void conditionalPutCreatesOnceThenAnswers412(S3Server s3) throws Exception {
        assertEquals(200, putIfAbsent(s3, "once.json", "first"));
        assertEquals(412, putIfAbsent(s3, "once.json", "second"));
        HttpResponse<String> got = http.send(
                HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + S3Server.BUCKET + "/once.json"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("first", got.body());
    }

    @Test
    void ofWritersRacingForOneKeyExactlyOneCreatesItAndItsContentStays(S3Server s3) throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 25; round++) {
                String key = "race/" + round + ".json";
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    String body = "writer-" + w;
                    answers.add(pool.submit(() -> {
                        go.await();
                        return putIfAbsent(s3.endpoint(), key, body);
                    }));
                }
                go.countDown();
                List<String> created = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    if (answers.get(w).get() == 200) {
                        created.add("writer-" + w);
                    }
                }
                assertEquals(1, created.size(), key + ": told created: " + created);
                assertEquals(created.get(0), get(s3, key), key + ": the content of the writer told created");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String get(S3Server s3, String key) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + S3Server.BUCKET + "/" + key))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private int putIfAbsent(S3Server s3, String key, String body) throws Exception {
        return putIfAbsent(s3.endpoint(), key, body);
    }

    private int putIfAbsent(String endpoint, String key, String body) throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create(endpoint + "/" + S3Server.BUCKET + "/" + key))
                .header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
