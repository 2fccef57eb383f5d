package mr.bacmr.retrieval.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

/** The tests' handle on {@link OpenAiChatStub}, through its {@code /_stub/} control API. */
public final class ChatStubControl {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;

    private ChatStubControl(String base) {
        this.base = base;
    }

    /** The stub the running app's {@code bacmr.chat.base-url} points at. */
    public static ChatStubControl ofApp() {
        String baseUrl = ConfigProvider.getConfig().getValue("bacmr.chat.base-url", String.class);
        return new ChatStubControl(baseUrl.replaceFirst("/v1$", ""));
    }

    public void answer(String text, int promptTokens, int completionTokens) {
        post("/_stub/behaviour", Map.of("mode", "answer", "answer", text, "prompt_tokens", promptTokens,
                "completion_tokens", completionTokens));
    }

    public void failWith500() {
        post("/_stub/behaviour", Map.of("mode", "error"));
    }

    public void hang() {
        post("/_stub/behaviour", Map.of("mode", "hang"));
    }

    public void reset() {
        post("/_stub/reset", Map.of());
    }

    /** Every chat-completions request received, in order. */
    public List<JsonNode> calls() {
        JsonNode all = send(HttpRequest.newBuilder(URI.create(base + "/_stub/calls")).GET().build());
        List<JsonNode> calls = new ArrayList<>();
        all.forEach(calls::add);
        return calls;
    }

    private void post(String path, Object body) {
        try {
            send(HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
            }
            return response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
