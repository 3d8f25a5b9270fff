package io.deltabridge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the log store tests rely on: the server refuses to overwrite an existing key under {@code If-None-Match: *}, also under a race. */
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

    @Test
    void exactlyOneOfConcurrentConditionalPutsWins(S3Server s3) throws Exception {
        int writers = 8;
        for (int round = 0; round < 20; round++) {
            String key = "race/" + round + ".json";
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<Integer>> codes = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    String body = "writer " + w;
                    Callable<Integer> put = () -> {
                        go.await();
                        return putIfAbsent(s3, key, body);
                    };
                    codes.add(pool.submit(put));
                }
                go.countDown();
                int created = 0;
                for (Future<Integer> code : codes) {
                    created += code.get() == 200 ? 1 : 0;
                }
                assertEquals(1, created, "writers that created " + key);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private int putIfAbsent(S3Server s3, String key, String body) throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + S3Server.BUCKET + "/" + key))
                .header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
