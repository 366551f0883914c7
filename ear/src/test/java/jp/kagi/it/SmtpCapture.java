package jp.kagi.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The test JVM's SMTP server (GreenMail on kagi.it.smtp.port) for tests that also run steps inside the server: kept
 * out of the test class, whose fields and method signatures (lambdas included) the server side must load without
 * GreenMail. Such a test adds this class and {@link Received} to its deployment; only the test JVM ever runs them.
 */
final class SmtpCapture {

    private static GreenMail smtp;

    private SmtpCapture() {
    }

    static synchronized void start() {
        if (smtp == null) {
            smtp = new GreenMail(new ServerSetup(Integer.getInteger("kagi.it.smtp.port", 3025), "127.0.0.1",
                    ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
    }

    static synchronized void stop() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    /** How many mails to {@code domain} arrived so far (cheap enough to poll). */
    static int count(String domain) {
        return smtp.getReceivedMessagesForDomain(domain).length;
    }

    /** The mails to {@code domain}, in the order GreenMail stored them, with the time each one arrived. */
    static List<Received> received(String domain) {
        return Arrays.stream(smtp.getReceivedMessagesForDomain(domain)).map(SmtpCapture::received).toList();
    }

    /** Waits at most {@code seconds} until at least {@code count} mails to {@code domain} arrived. */
    static void await(String domain, int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (count(domain) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Only " + count(domain) + " of " + count + " mails to " + domain
                        + " arrived within " + seconds + " s");
            }
            Thread.sleep(200);
        }
    }

    private static Received received(MimeMessage m) {
        try {
            return new Received(m.getSubject(), m.getMessageID(), m.getReceivedDate().toInstant());
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    record Received(String subject, String messageId, Instant at) {
    }
}
