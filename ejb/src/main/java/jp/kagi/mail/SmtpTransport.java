package jp.kagi.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;
import jp.kagi.platform.Settings;

/**
 * Hands one mail to the SMTP server named by KAGI_SMTP_HOST / KAGI_SMTP_PORT (optionally KAGI_SMTP_USER,
 * KAGI_SMTP_PASSWORD, KAGI_SMTP_STARTTLS). Plain UTF-8 text, with the outbox's Message-ID so that a receiver can
 * recognise the same mail should it ever arrive twice.
 */
@ApplicationScoped
public class SmtpTransport {

    @Inject
    Settings settings;

    @Inject
    MailSettings mailSettings;

    @Inject
    Clock clock;

    public void send(String recipient, String subject, String body, String messageId) throws MessagingException {
        Session session = session();
        MimeMessage message = new FixedIdMessage(session, messageId);
        message.setFrom(new InternetAddress(mailSettings.from()));
        message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(recipient, true));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setText(body, StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        try {
            Transport.send(message);
        } catch (MessagingException e) {
            if (StartTls.of(settings.get("kagi.smtp.starttls", "false")) == StartTls.REQUIRED
                    && String.valueOf(e.getMessage()).contains("TLS")) {
                throw new MessagingException("not sent: KAGI_SMTP_STARTTLS=required and the SMTP server did not"
                        + " complete STARTTLS (" + e.getMessage() + ")", e);
            }
            throw e;
        }
    }

    private Session session() {
        Properties props = new Properties();
        props.put("mail.smtp.host", settings.get("kagi.smtp.host", "localhost"));
        props.put("mail.smtp.port", String.valueOf(settings.integer("kagi.smtp.port", 25)));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "20000");
        props.put("mail.smtp.writetimeout", "20000");
        StartTls startTls = StartTls.of(settings.get("kagi.smtp.starttls", "false"));
        props.put("mail.smtp.starttls.enable", String.valueOf(startTls != StartTls.OFF));
        // required: JavaMail ends the session before MAIL FROM when the server offers no STARTTLS (or it fails), so
        // nothing, not even the envelope, crosses in clear; the outbox keeps the mail with the reason (send below).
        props.put("mail.smtp.starttls.required", String.valueOf(startTls == StartTls.REQUIRED));
        var user = settings.find("kagi.smtp.user");
        if (user.isEmpty()) {
            return Session.getInstance(props);
        }
        props.put("mail.smtp.auth", "true");
        String password = settings.get("kagi.smtp.password", "");
        return Session.getInstance(props, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user.get(), password);
            }
        });
    }

    /** Keeps the outbox's Message-ID instead of the one JavaMail would invent on save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
