package mr.bacmr.retrieval.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local server speaking OpenAI's chat-completions API ({@code POST /v1/chat/completions}), standing in for the
 * hosted model the tests cannot reach. It records every call and can be told — over HTTP, under {@code /_stub/},
 * because the app under test and the test resource may live in different class loaders — to answer normally, to
 * fail with 500s, or to hang until released (a timeout on the caller's side).
 *
 * <p>Control: {@code POST /_stub/behaviour {"mode": "answer"|"error"|"hang", "answer": "...", "prompt_tokens": n,
 * "completion_tokens": n}}, {@code GET /_stub/calls} (every recorded request body, in order), {@code POST /_stub/reset}.
 */
public final class OpenAiChatStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "openai-stub");
        thread.setDaemon(true);
        return thread;
    });
    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
    private volatile ObjectNode behaviour = defaultBehaviour();
    private volatile CountDownLatch hanging = new CountDownLatch(1);

    public OpenAiChatStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", this::completion);
        server.createContext("/_stub/behaviour", this::setBehaviour);
        server.createContext("/_stub/calls", exchange -> send(exchange, 200, JSON.valueToTree(calls)));
        server.createContext("/_stub/reset", exchange -> {
            calls.clear();
            behaviour = defaultBehaviour();
            release();
            send(exchange, 204, null);
        });
        server.start();
    }

    /** The base URL an OpenAI client is given ({@code .../v1}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }

    private static ObjectNode defaultBehaviour() {
        ObjectNode node = JSON.createObjectNode();
        node.put("mode", "answer");
        return node;
    }

    private void release() {
        hanging.countDown();
        hanging = new CountDownLatch(1);
    }

    private void setBehaviour(HttpExchange exchange) throws IOException {
        JsonNode requested = JSON.readTree(exchange.getRequestBody());
        if (!"hang".equals(requested.path("mode").asText())) {
            release(); // whatever hung so far is let go
        }
        behaviour = (ObjectNode) requested;
        send(exchange, 204, null);
    }

    private void completion(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, error("method not allowed", "invalid_request_error"));
            return;
        }
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        ObjectNode recorded = request.deepCopy();
        recorded.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        calls.add(recorded);
        ObjectNode current = behaviour;
        switch (current.path("mode").asText("answer")) {
            case "error" -> send(exchange, 500, error("The server had an error while processing your request.",
                    "server_error"));
            case "hang" -> {
                CountDownLatch latch = hanging;
                try {
                    latch.await(60, TimeUnit.SECONDS); // until the test moves on; the caller has long given up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 500, error("released", "server_error"));
            }
            default -> send(exchange, 200, answer(request, current));
        }
    }

    private static ObjectNode answer(JsonNode request, ObjectNode behaviour) {
        String content = behaviour.path("answer").asText("Réponse du modèle de test [1].");
        int limit = request.path("max_completion_tokens").asInt(request.path("max_tokens").asInt(Integer.MAX_VALUE));
        int completionTokens = Math.min(limit, behaviour.path("completion_tokens").asInt(42));
        ObjectNode response = JSON.createObjectNode();
        response.put("id", "chatcmpl-" + UUID.randomUUID());
        response.put("object", "chat.completion");
        response.put("created", System.currentTimeMillis() / 1000);
        response.put("model", request.path("model").asText());
        ArrayNode choices = response.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", completionTokens == limit ? "length" : "stop");
        ObjectNode usage = response.putObject("usage");
        int promptTokens = behaviour.path("prompt_tokens").asInt(900);
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        return response;
    }

    private static ObjectNode error(String message, String type) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).putNull("param").putNull("code");
        return body;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        try (exchange) {
            if (body == null) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the caller gave up (timeout) and closed the connection: nothing to answer
        }
    }
}
