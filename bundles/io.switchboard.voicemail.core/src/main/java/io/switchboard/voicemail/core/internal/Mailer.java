package io.switchboard.voicemail.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import io.switchboard.voicemail.api.VoiceMessage;

/**
 * Mails each new message to its mailbox's address (Jakarta Mail on Angus Mail), its audio attached
 * as a WAV file, the caller, time and length in the text. A failure is tried again after 30 s and
 * 5 min; what became of it is in the message's {@code mail} state.
 */
final class Mailer {

    private static final Logger LOG = System.getLogger(Mailer.class.getName());
    private static final long[] RETRY_SECONDS = { 30, 300 };
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private final Session session;
    private final String from;
    private final MessageTable table;
    private final LongPredicate deleteAfterMail;

    Mailer(VoicemailSettings s, MessageTable table, LongPredicate delete) {
        this.table = table;
        this.deleteAfterMail = delete;
        this.from = s.from();
        if (s.smtpHost().isBlank()) {
            this.session = null;
            return;
        }
        String protocol = s.security().equals("smtps") ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", s.smtpHost());
        p.put("mail." + protocol + ".port", Integer.toString(s.smtpPort()));
        String timeout = Integer.toString(Math.max(1, s.timeoutSeconds()) * 1000);
        for (String t : new String[] { "connectiontimeout", "timeout", "writetimeout" }) {
            p.put("mail." + protocol + "." + t, timeout);
        }
        if (s.security().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (!s.security().equals("none")) {
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        boolean auth = !s.username().isBlank();
        p.put("mail." + protocol + ".auth", Boolean.toString(auth));
        String user = s.username();
        String secret = s._password();
        this.session = Session.getInstance(p, auth ? new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, secret);
            }
        } : null);
    }

    /** Sends the message's mail; on failure schedules the next try on {@code retries}. */
    void send(MessageTable.Row row, Path audio, int attempt, ScheduledExecutorService retries) {
        VoiceMessage m = row.message();
        String to = table.mailbox(m.mailbox()).map(b -> b.email()).orElse(null);
        if (to == null) {
            table.mail(m.id(), "none");
            return;
        }
        if (session == null) {
            table.mail(m.id(), "failed: no SMTP server set (io.switchboard.voicemail smtpHost)");
            return;
        }
        try {
            transport(message(m, to, audio));
            table.mail(m.id(), "sent");
            LOG.log(Level.INFO, "Message " + m.id() + " mailed to " + to);
            if (table.mailbox(m.mailbox()).map(b -> b.deleteAfterMail()).orElse(false)) {
                deleteAfterMail.test(m.id());
            }
        } catch (MessagingException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
            if (attempt < RETRY_SECONDS.length) {
                table.mail(m.id(), "retrying: " + why);
                retries.schedule(() -> send(row, audio, attempt + 1, retries), RETRY_SECONDS[attempt], TimeUnit.SECONDS);
            } else {
                table.mail(m.id(), "failed: " + why);
                LOG.log(Level.WARNING, "Message " + m.id() + " for " + m.mailbox() + " not mailed to " + to + ": " + why);
            }
        }
    }

    private MimeMessage message(VoiceMessage m, String to, Path audio) throws MessagingException {
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress(from, true));
        mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
        String length = m.seconds() / 60 + ":" + String.format("%02d", m.seconds() % 60);
        String from = m.callerName() == null ? m.caller() : m.callerName() + " (" + m.caller() + ")";
        mail.setSubject("Voice message from " + from + " (" + length + ")", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("A caller left you a voice message.\n\nFrom:   " + m.caller()
                + (m.callerName() == null ? "" : " (" + m.callerName() + ")") + "\nWhen:   "
                + TIME.format(m.received().atZone(ZoneId.systemDefault())) + "\nLength: " + length
                + "\n\nThe message is attached (WAV). Dial voicemail or *97 from your phone to hear your messages.\n",
                "UTF-8");
        MimeBodyPart wav = new MimeBodyPart();
        wav.setDataHandler(new DataHandler(new FileDataSource(audio.toFile()) {
            @Override
            public String getContentType() {
                return "audio/wav";
            }
        }));
        wav.setFileName("voicemail-" + m.id() + ".wav");
        mail.setContent(new MimeMultipart(text, wav));
        return mail;
    }

    /**
     * Jakarta Mail finds its transport through the context loader, and the handlers of multipart
     * content (the provider's mailcap) through the provider's own: the context loader is set to each.
     */
    private void transport(MimeMessage mail) throws MessagingException {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(Session.class.getClassLoader());
        try {
            Transport transport = session.getTransport();
            Thread.currentThread().setContextClassLoader(transport.getClass().getClassLoader());
            mail.saveChanges();
            transport.connect();
            try {
                transport.sendMessage(mail, mail.getAllRecipients());
            } finally {
                transport.close();
            }
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }
}
