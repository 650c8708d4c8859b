package br.ft9.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Checks, before a service boots in a test, that the real PostgreSQL, Redis and Kafka answer, and
 * fails with one line naming what is missing instead of a wall of connection stack traces.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    static final String HINT = "Start what the tests need with deploy/local/test.sh (it starts missing servers itself).";

    @Override
    public Map<String, String> start() {
        List<String> missing = missing(System.getenv());
        if (!missing.isEmpty()) {
            throw new IllegalStateException(String.join("; ", missing) + ". " + HINT);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }

    /** One sentence per server that does not answer, empty when all do; addresses as in the services' variables. */
    public static List<String> missing(Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        String pgHost = value(env, "DB_HOST", "127.0.0.1");
        int pgPort = Integer.parseInt(value(env, "DB_PORT", "5432"));
        if (!accepts(pgHost, pgPort)) {
            missing.add("PostgreSQL is not reachable on " + pgHost + ":" + pgPort);
        }
        String redis = value(env, "REDIS_URL", "redis://127.0.0.1:6379").replaceFirst("^rediss?://", "");
        String redisHost = redis.substring(0, redis.lastIndexOf(':'));
        int redisPort = Integer.parseInt(redis.substring(redis.lastIndexOf(':') + 1).replaceAll("/.*$", ""));
        if (!redisAnswersPing(redisHost, redisPort)) {
            missing.add("Redis is not answering on " + redisHost + ":" + redisPort);
        }
        String kafka = value(env, "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092").split(",")[0];
        String kafkaHost = kafka.substring(0, kafka.lastIndexOf(':'));
        int kafkaPort = Integer.parseInt(kafka.substring(kafka.lastIndexOf(':') + 1));
        if (!accepts(kafkaHost, kafkaPort)) {
            missing.add("Kafka is not reachable on " + kafkaHost + ":" + kafkaPort);
        }
        return missing;
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean redisAnswersPing(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(5);
            return "+PONG".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }
}
