package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Integrations in the real console against a real server: the admin makes a webhook subscription
 * from the form, tries it, and sends its delivery again from the deliveries' table; makes an API
 * token for a CRM, which shows once and reads call records over HTTP with it, and deletes it, after
 * which the same token is refused. The run draws the view for the console tour.
 */
class IntegrationsUiTest {

    private static final String PASSWORD = "integrations-ui-test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private AdminApi api;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD);
        api = new AdminApi(server, PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminKeepsWebhooksAndTokensOfTheCompanysSystems() throws Exception {
        Shell window = console.window();
        console.addServer("integrated", server.url(), PASSWORD);
        console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
        console.showPart("io.switchboard.integration.ui.part.integrations");

        // a webhook from the form (a documentation address: nothing answers it, so its delivery retries)
        console.type(window, "webhook.id", "crm");
        console.type(window, "webhook.url", "https://203.0.113.9/switchboard");
        console.type(window, "webhook.events", "call.ended, call.missed");
        console.type(window, "webhook.secret", "crm-signing-secret");
        console.click(window, "webhook.save");
        Table subscriptions = console.find(window, "webhook.subscriptions", Table.class);
        ConsoleDriver.await("the subscription", () -> console.ui(() -> subscriptions.getItemCount() == 1
                && subscriptions.getItem(0).getText(2).equals("call.ended, call.missed")
                && subscriptions.getItem(0).getText(4).equals("yes") ? subscriptions : null));
        assertTrue(api.compact("webhooks/subscriptions/crm").contains("\"secretSet\":true"));
        console.click(window, "webhook.ping");
        Table deliveries = console.find(window, "webhook.deliveries", Table.class);
        ConsoleDriver.await("the ping's delivery, tried", () -> console.ui(() -> deliveries.getItemCount() == 1
                && !deliveries.getItem(0).getText(4).equals("0") ? deliveries : null));
        String delivery = console.ui(() -> deliveries.getItem(0).getText(0));
        console.awaitText(window, "webhook.summary", t -> t.contains("1 waiting or retrying") && t.contains("0 events dropped"));
        assertEquals("retrying", console.ui(() -> deliveries.getItem(0).getText(3)), "nobody took it");
        console.select(deliveries, 0);
        console.click(window, "webhook.resend");
        ConsoleDriver.await("sent again", () -> api.compact("audit?limit=20")
                .contains("\"path\":\"/webhooks/deliveries/" + delivery + "/resend\"") ? true : null);

        // a token for the CRM: shown once, works within its scope, stops when deleted
        console.type(window, "token.name", "crm");
        console.type(window, "token.scopes", "cdr:read");
        console.type(window, "token.days", "90");
        console.click(window, "token.make");
        String token = console.awaitText(window, "token.issued", t -> t.startsWith("sbt_"));
        Table tokens = console.find(window, "token.list", Table.class);
        ConsoleDriver.await("the token listed", () -> console.ui(() -> tokens.getItemCount() == 1
                && tokens.getItem(0).getText(1).equals("cdr:read") && tokens.getItem(0).getText(2).equals("viewer")
                ? tokens : null));
        assertEquals(200, get("cdr/records", token));
        assertEquals(403, get("sip/users", token), "outside its scope");
        console.tour("integrations");
        console.click(window, "token.delete");
        ConsoleDriver.await("the token gone", () -> console.ui(() -> tokens.getItemCount() == 0 ? tokens : null));
        assertEquals(401, get("cdr/records", token));
    }

    private int get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/" + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
