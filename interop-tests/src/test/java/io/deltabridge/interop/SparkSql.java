package io.deltabridge.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The client of one Spark JVM (spark-server's {@code SparkServer}): a child process whose classpath holds only
 * Spark 4.1 + Delta-Spark 4.4, started once per test class (a cold start takes ~15-20 s) and fed one SQL statement
 * at a time. Rows come back in the bridge's JSON encoding (SPEC §7). Spark's log goes to {@code spark.log} in the
 * working directory. Not thread-safe.
 *
 * <pre>{@code
 * try (SparkSql spark = SparkSql.start(tmp)) {
 *     spark.execute("CREATE TABLE delta.`/t` (id INT) USING delta");
 *     List<ObjectNode> rows = spark.rows("SELECT * FROM delta.`/t`");
 * }
 * }</pre>
 */
public final class SparkSql implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(5);
    private static final String END = "\u0000end";
    static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Path log;

    private SparkSql(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "spark-sql-answers");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a Spark JVM working in {@code workDir} and waits until its session is up. */
    public static SparkSql start(Path workDir) {
        return start(workDir, Map.of());
    }

    /**
     * Starts a Spark JVM with extra Spark settings ({@code spark.hadoop.fs.s3a.endpoint} ...), given to it as system
     * properties, which a Spark session reads as its configuration.
     */
    public static SparkSql start(Path workDir, Map<String, String> sparkConf) {
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("spark.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmFlags());
            command.add("-Xmx1g");
            sparkConf.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-cp");
            command.add(classpath());
            command.add("io.deltabridge.interop.spark.SparkServer");
            command.add(workDir.toAbsolutePath().toString());
            Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
            SparkSql spark = new SparkSql(p, log);
            spark.await(START_TIMEOUT, "start");
            return spark;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Spark JVM", e);
        }
    }

    /** Runs a statement and fails (with Spark's error) when Spark refuses it. */
    public void execute(String sql) {
        answer(sql).orThrow(sql);
    }

    /** Runs a query and returns its rows (column name → value, SPEC §7 JSON), failing when Spark refuses it. */
    public List<ObjectNode> rows(String sql) {
        return answer(sql).orThrow(sql);
    }

    /** Runs a statement and returns Spark's answer, its error included: for statements Spark may refuse. */
    public Answer answer(String sql) {
        try {
            stdin.write(sql.replace('\n', ' ').replace('\r', ' '));
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException("the Spark JVM does not take statements any more" + logTail(), e);
        }
        JsonNode answer = await(STATEMENT_TIMEOUT, sql);
        if (answer.path("ok").asBoolean()) {
            List<ObjectNode> rows = new ArrayList<>();
            answer.path("rows").forEach(r -> rows.add((ObjectNode) r));
            return new Answer(rows, null, null, null);
        }
        return new Answer(
                List.of(),
                answer.path("error").asText(),
                answer.path("condition").asText(null),
                answer.path("message").asText());
    }

    @Override
    public void close() {
        try {
            stdin.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** What Spark answered: rows, or the error (exception class, Spark error condition, message). */
    public record Answer(List<ObjectNode> rows, String error, String condition, String message) {
        public boolean ok() {
            return error == null;
        }

        List<ObjectNode> orThrow(String sql) {
            if (!ok()) {
                throw new AssertionError("Spark refused `" + sql + "`: " + error + " [" + condition + "] " + message);
            }
            return rows;
        }
    }

    private JsonNode await(Duration timeout, String what) {
        try {
            String line = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null || line.equals(END)) {
                throw new IllegalStateException("no answer from the Spark JVM to `" + what + "` "
                        + (line == null ? "within " + timeout : "(it exited)") + logTail());
            }
            return JSON.readTree(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Spark", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readAnswers() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                answers.add(line);
            }
        } catch (IOException e) {
            // the process ended: END below tells the waiting caller
        }
        answers.add(END);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "; last lines of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "; see " + log;
        }
    }

    private static List<String> jvmFlags() throws IOException {
        return Files.readAllLines(Path.of(property("interop.spark.classes"), "spark-jvm-flags.txt")).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    private static String classpath() throws IOException {
        return property("interop.spark.classes")
                + java.io.File.pathSeparator
                + Files.readString(Path.of(property("interop.spark.classpath.file")))
                        .trim();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(
                    "system property " + name + " is not set: run the interop tests through Maven"
                            + " (mvn -pl interop-tests -am verify), which builds spark-server first");
        }
        return value;
    }
}
