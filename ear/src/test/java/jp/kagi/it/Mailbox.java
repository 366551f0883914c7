package jp.kagi.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what Kagi mailed to one address from the test's SMTP server (GreenMail). */
final class Mailbox {

    private static final Pattern JA_CREDENTIALS = Pattern.compile("ID : (\\S+)\\s+パスワード : (\\S+)");
    private static final Pattern EN_CREDENTIALS = Pattern.compile("ID: (\\S+)\\s+Password: (\\S+)");
    private static final Pattern REQUEST_ID = Pattern.compile("(?:リクエスト ID|Request ID): ([A-Z0-9]{16})");

    private final java.util.function.Supplier<MimeMessage[]> smtp;

    /** The SMTP server the test server sends to (kagi.it.smtp.port), kept up for the whole test class. */
    static GreenMailExtension smtpServer() {
        return new GreenMailExtension(new ServerSetup(Integer.getInteger("kagi.it.smtp.port", 3025), "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);
    }

    Mailbox(GreenMailExtension smtp) {
        this.smtp = smtp::getReceivedMessages;
    }

    /** A server the test starts and stops itself (MetricsHealthIT: SMTP down first, then up). */
    Mailbox(com.icegreen.greenmail.util.GreenMail smtp) {
        this.smtp = smtp::getReceivedMessages;
    }

    /** Waits up to 90 s until exactly {@code count} mails reached {@code address}; more would mean a mail sent twice. */
    List<MimeMessage> await(String address, int count) {
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            List<MimeMessage> mine = Arrays.stream(smtp.get()).filter(m -> to(m, address)).toList();
            if (mine.size() >= count) {
                if (mine.size() != count) {
                    throw new AssertionError(mine.size() + " mails reached " + address + ", expected " + count);
                }
                return mine;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Fewer than " + count + " mails reached " + address + " within 90 s");
    }

    /**
     * Waits up to 90 s until {@code count} distinct mails (by Message-ID) reached {@code address}, and fails if more
     * did. A mail delivered again with the same Message-ID (the SMTP server accepted it just before a kill -9, and
     * the outbox had not yet recorded that) is the same mail to the receiver; it is counted once here, and the
     * at-least-once window it comes from is documented in operations.md.
     */
    Set<String> awaitDistinct(String address, int count) {
        long deadline = System.currentTimeMillis() + 90_000;
        Set<String> ids = Set.of();
        while (System.currentTimeMillis() < deadline) {
            ids = Arrays.stream(smtp.get()).filter(m -> to(m, address)).map(Mailbox::messageId)
                    .collect(java.util.stream.Collectors.toSet());
            if (ids.size() > count) {
                throw new AssertionError(ids.size() + " distinct mails reached " + address + ", expected " + count);
            }
            if (ids.size() == count) {
                return ids;
            }
            sleep();
        }
        throw new AssertionError("Fewer than " + count + " mails reached " + address + " within 90 s: " + ids);
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The password of the newest registration mail to {@code address} (after {@code count} mails arrived). */
    Credentials credentials(String address, int count) {
        List<MimeMessage> mails = await(address, count);
        String password = null;
        String requestId = null;
        for (MimeMessage m : mails) {
            String text = text(m);
            Matcher c = JA_CREDENTIALS.matcher(text);
            Matcher e = EN_CREDENTIALS.matcher(text);
            if (c.find()) {
                password = c.group(2);
            } else if (e.find()) {
                password = e.group(2);
            }
            Matcher r = REQUEST_ID.matcher(text);
            if (r.find()) {
                requestId = r.group(1);
            }
        }
        if (password == null || requestId == null) {
            throw new AssertionError("No password or Request ID in the mails to " + address);
        }
        return new Credentials(password, requestId);
    }

    static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            return content instanceof String s ? s : GreenMailUtil.getBody(message);
        } catch (IOException | MessagingException e) {
            throw new AssertionError(e);
        }
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean to(MimeMessage m, String address) {
        try {
            return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            return false;
        }
    }

    record Credentials(String password, String requestId) {
    }
}
