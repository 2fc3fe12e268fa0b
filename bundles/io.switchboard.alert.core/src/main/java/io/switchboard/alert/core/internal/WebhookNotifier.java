package io.switchboard.alert.core.internal;

import java.io.IOException;
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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.alert.api.Alert;
import io.switchboard.alert.api.AlertNotifier;

/** Posts each alert as JSON to a URL: {@code etc/io.switchboard.alert.webhook-ops.cfg}. */
@Component(service = AlertNotifier.class, configurationPid = WebhookNotifier.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebhookNotifier.Config.class, factory = true)
public class WebhookNotifier implements AlertNotifier {

    static final String PID = "io.switchboard.alert.webhook";

    @ObjectClassDefinition(name = "Switchboard alert webhook")
    @interface Config {
        @AttributeDefinition(description = "The name rules use for it")
        String switchboard_alert_notifier() default "webhook";

        @AttributeDefinition(description = "http:// or https:// URL that takes a JSON POST")
        String url();

        @AttributeDefinition(required = false, type = AttributeType.PASSWORD,
                description = "Sent as the Authorization header; set as "
                + ".authorization (a private property no plugin can read from the service registry); never logged")
        String _authorization() default "";

        @AttributeDefinition(required = false, type = AttributeType.PASSWORD,
                description = "Old name of .authorization: still read, with a warning")
        String authorization() default "";

        int timeoutSeconds() default 10;
    }

    private final URI url;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    @Activate
    public WebhookNotifier(Config config) {
        try {
            this.url = URI.create(config.url().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid setting " + PID + " url='" + config.url() + "'", e);
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("Invalid setting " + PID + " url='" + config.url()
                    + "': an http:// or https:// URL");
        }
        if (config._authorization().isEmpty() && !config.authorization().isEmpty()) {
            System.getLogger(WebhookNotifier.class.getName()).log(System.Logger.Level.WARNING, "Setting authorization in "
                    + PID + " is visible to every bundle through the service registry: rename it .authorization");
            this.authorization = config.authorization();
        } else {
            this.authorization = config._authorization();
        }
        this.timeout = Duration.ofSeconds(Math.max(1, config.timeoutSeconds()));
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void notify(Alert alert) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", alert.firing() ? "firing" : "resolved");
        body.put("alert", alert);
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
        if (!authorization.isBlank()) {
            b.header("Authorization", authorization);
        }
        HttpResponse<Void> r = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(url.getHost() + " answered HTTP " + r.statusCode());
        }
    }
}
