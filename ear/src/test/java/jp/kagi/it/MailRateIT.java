package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 9: KAGI_MAIL_RATE. Inside the server, set the rate to 120 mails a minute (a system property, as an operator
 * would, no restart) and put 30 mails into the outbox in one transaction; in the test JVM, GreenMail's receive times
 * show that they left no faster than the rate allows (a burst of 2, then one every 500 ms), oldest first, each once.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailRateIT {

    static final String DOMAIN = "mail-rate-it.example";
    static final String WARM_UP = "mail-rate-warm-up.example";
    static final int MAILS = 30;
    static final int RATE = 120;
    static final int BURST = 2; // MailRateBucket.burst(120): one second's worth
    /** SMTP hand-over and GreenMail's storing add jitter between taking the budget and the receive time. */
    static final Duration JITTER = Duration.ofMillis(300);

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(MailRateIT.class, MailRateProbe.class, KagiDeployment.class,
                SmtpCapture.class, SmtpCapture.Received.class, Poll.class);
    }

    @Inject
    MailRateProbe probe;

    @Test
    @Order(1)
    @RunAsClient
    void smtpServerUp() {
        SmtpCapture.start();
    }

    /** Runs inside the server; the rate is restored whatever happens, so that later tests send at full speed. */
    @Test
    @Order(2)
    void thirtyMailsAtOneHundredTwentyAMinute() throws InterruptedException {
        // warm the path first (JavaMail, the SMTP connection, GreenMail's mailbox): a cold first send would delay the
        // mails behind it, and their receive times would no longer show when they left
        probe.enqueue(WARM_UP, 0, 2, true);
        awaitSent(WARM_UP, 2);
        String before = probe.setRate(String.valueOf(RATE));
        try {
            List<String> ids = probe.enqueue(DOMAIN, 0, MAILS, true);
            assertEquals(MAILS, new HashSet<>(ids).size());
            awaitSent(DOMAIN, MAILS);
        } finally {
            probe.setRate(before);
        }
    }

    private void awaitSent(String domain, int count) {
        Poll.until(count + " mails sent", Duration.ofSeconds(120), () -> probe.sent(domain) >= count);
    }

    @Test
    @Order(3)
    @RunAsClient
    void theyArrivedAtTheRateOldestFirstAndOnce() throws InterruptedException {
        try {
            SmtpCapture.await(DOMAIN, MAILS, 60);
            // The previous test saw every mail SENT in the outbox, and a SENT mail is never delivered again: what
            // GreenMail holds now is final, so a mail sent twice would already show here.
            List<SmtpCapture.Received> mails = SmtpCapture.received(DOMAIN);
            System.out.println("MailRateIT arrivals (ms after the first): " + mails.stream()
                    .map(m -> m.subject().substring(5) + "@" + Duration.between(mails.get(0).at(), m.at()).toMillis())
                    .toList());
            assertEquals(MAILS, mails.size(), "each mail once");
            assertEquals(MAILS, mails.stream().map(SmtpCapture.Received::messageId).distinct().count(),
                    "no Message-ID twice");
            for (int i = 0; i < MAILS; i++) {
                assertEquals(String.format("rate %05d", i), mails.get(i).subject(), "arrival " + i + ": oldest first");
            }
            // any i..j: j - i + 1 mails may not exceed the burst plus what the rate adds in between
            Duration perMail = Duration.ofMinutes(1).dividedBy(RATE);
            for (int i = 0; i < MAILS; i++) {
                for (int j = i + BURST; j < MAILS; j++) {
                    Duration took = Duration.between(mails.get(i).at(), mails.get(j).at());
                    Duration least = perMail.multipliedBy(j - i + 1 - BURST).minus(JITTER);
                    assertTrue(took.compareTo(least) >= 0, "mails " + i + ".." + j + " arrived within " + took.toMillis()
                            + " ms; at " + RATE + "/min they need at least " + least.toMillis() + " ms");
                }
            }
            Duration total = Duration.between(mails.get(0).at(), mails.get(MAILS - 1).at());
            double perMinute = (MAILS - BURST) * 60_000.0 / total.toMillis();
            System.out.printf("MailRateIT: %d mails in %d ms, %.1f/min after the burst (rate %d/min)%n", MAILS,
                    total.toMillis(), perMinute, RATE);
            assertTrue(perMinute > RATE / 2.0, "the rate is a limit, not a crawl: " + perMinute + "/min");
        } finally {
            SmtpCapture.stop();
        }
    }
}
