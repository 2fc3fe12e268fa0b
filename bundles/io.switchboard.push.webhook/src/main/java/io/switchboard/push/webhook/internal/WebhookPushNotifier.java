package io.switchboard.push.webhook.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.sip.api.push.PushNotifier;
import io.switchboard.sip.api.push.PushRequest;

/**
 * A push service reached through a gateway of the operator's: each push is a JSON POST. The gateway
 * holds the FCM or APNs credentials, which never come to the switch; a gateway answering anything but
 * 2xx fails the push, naming the status (never the Authorization).
 */
@Component(configurationPid = WebhookPushNotifier.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebhookSettings.class, factory = true)
public class WebhookPushNotifier implements PushNotifier {

    static final String PID = "io.switchboard.push.webhook";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String provider;
    private final URI url;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    @Activate
    public WebhookPushNotifier(WebhookSettings settings) {
        this.provider = required("provider", settings.provider());
        this.url = url(required("url", settings.url()));
        this.authorization = settings._authorization() == null ? "" : settings._authorization().trim();
        if (settings.timeoutMillis() < 100) {
            throw new IllegalArgumentException("Invalid setting " + PID + " timeoutMillis=" + settings.timeoutMillis()
                    + ": 100 or more");
        }
        this.timeout = Duration.ofMillis(settings.timeoutMillis());
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public void push(PushRequest r) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provider", r.provider());
        body.put("prid", r.prid());
        body.put("param", r.param());
        body.put("user", r.user());
        body.put("reason", r.reason());
        body.put("callId", r.callId());
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        HttpResponse<Void> answer = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("the push gateway " + url.getHost() + " answered " + answer.statusCode());
        }
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Invalid setting " + PID + " " + name + ": required");
        }
        return value.trim();
    }

    /** An https:// address, or http:// to this host only: the pushes name users and their devices. */
    private static URI url(String value) {
        URI u;
        try {
            u = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid setting " + PID + " url=" + value + ": " + e.getMessage());
        }
        boolean local = "localhost".equals(u.getHost()) || u.getHost() != null && u.getHost().startsWith("127.");
        if (!"https".equals(u.getScheme()) && !("http".equals(u.getScheme()) && local)) {
            throw new IllegalArgumentException("Invalid setting " + PID + " url=" + value
                    + ": https://, or http:// to this host");
        }
        return u;
    }
}
