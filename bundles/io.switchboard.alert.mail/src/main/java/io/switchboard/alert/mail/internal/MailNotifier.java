package io.switchboard.alert.mail.internal;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Properties;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.alert.api.Alert;
import io.switchboard.alert.api.AlertNotifier;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** E-mails each alert over SMTP (Jakarta Mail on Angus Mail): {@code etc/io.switchboard.alert.email-noc.cfg}. */
@Component(service = AlertNotifier.class, configurationPid = MailNotifier.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MailNotifier.Config.class, factory = true)
public class MailNotifier implements AlertNotifier {

    static final String PID = "io.switchboard.alert.email";

    @ObjectClassDefinition(name = "Switchboard alert e-mail")
    @interface Config {
        @AttributeDefinition(description = "The name rules use for it")
        String switchboard_alert_notifier() default "email";

        String smtpHost() default "localhost";

        int smtpPort() default 25;

        @AttributeDefinition(description = "none, starttls (required) or smtps")
        String security() default "starttls";

        @AttributeDefinition(required = false)
        String username() default "";

        @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "A secret, set as .password (a private property no "
                + "plugin can read from the service registry): never logged")
        String _password() default "";

        @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "Old name of .password: still read, with a warning")
        String password() default "";

        String from();

        @AttributeDefinition(description = "Recipients, one address each")
        String[] to();

        int timeoutSeconds() default 20;
    }

    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;

    @Activate
    public MailNotifier(Config config) {
        Properties p = new Properties();
        String security = config.security().trim();
        String protocol = security.equals("smtps") ? "smtps" : "smtp";
        if (!security.equals("none") && !security.equals("starttls") && !security.equals("smtps")) {
            throw new IllegalArgumentException("Invalid setting " + PID + " security='" + security
                    + "': none, starttls or smtps");
        }
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", config.smtpHost());
        p.put("mail." + protocol + ".port", Integer.toString(config.smtpPort()));
        String timeout = Integer.toString(Math.max(1, config.timeoutSeconds()) * 1000);
        p.put("mail." + protocol + ".connectiontimeout", timeout);
        p.put("mail." + protocol + ".timeout", timeout);
        p.put("mail." + protocol + ".writetimeout", timeout);
        if (security.equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (!security.equals("none")) {
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        boolean auth = !config.username().isBlank();
        p.put("mail." + protocol + ".auth", Boolean.toString(auth));
        String user = config.username();
        String password = config._password();
        if (password.isEmpty() && !config.password().isEmpty()) {
            System.getLogger(MailNotifier.class.getName()).log(System.Logger.Level.WARNING, "Setting password in " + PID
                    + " is visible to every bundle through the service registry: rename it .password");
            password = config.password();
        }
        String secret = password;
        this.session = Session.getInstance(p, auth ? new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, secret);
            }
        } : null);
        try {
            this.from = new InternetAddress(config.from(), true);
            this.to = new InternetAddress[config.to().length];
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(config.to()[i].trim(), true);
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException("Invalid setting " + PID + ": '" + e.getRef() + "' is not an e-mail "
                    + "address", e);
        }
        if (to.length == 0) {
            throw new IllegalArgumentException("Invalid setting " + PID + " to: at least one recipient");
        }
    }

    @Override
    public void notify(Alert alert) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(from);
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject((alert.firing() ? "[" + alert.severity().toUpperCase(Locale.ROOT) + "] " : "[RESOLVED] ")
                + alert.rule() + (alert.subject().isEmpty() ? "" : ": " + alert.subject()), "UTF-8");
        m.setText(body(alert), "UTF-8");
        // The context loader is the caller's: Jakarta Mail finds its providers through its own
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(Session.class.getClassLoader());
        try {
            Transport.send(m);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    static String body(Alert a) {
        StringBuilder sb = new StringBuilder();
        sb.append(a.message()).append("\n\n");
        sb.append("Rule:     ").append(a.rule()).append(" (").append(a.kind().id()).append(")\n");
        if (!a.subject().isEmpty()) {
            sb.append("Subject:  ").append(a.subject()).append('\n');
        }
        sb.append("Severity: ").append(a.severity()).append('\n');
        sb.append("Fired:    ").append(DateTimeFormatter.ISO_INSTANT.format(a.firedAt())).append('\n');
        if (a.resolvedAt() != null) {
            sb.append("Resolved: ").append(DateTimeFormatter.ISO_INSTANT.format(a.resolvedAt())).append('\n');
        }
        if (a.value() != null) {
            sb.append("Measured: ").append(a.value()).append(a.reference() == null ? "" : " against " + a.reference())
                    .append('\n');
        }
        sb.append("Alert #").append(a.id()).append(": GET /api/v1/alerts/history\n");
        return sb.toString();
    }
}
