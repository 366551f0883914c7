package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
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
 * Issue 9 (bench profile only): a campaign's 20,000 mails through the outbox. Inside the server: hold the outbox at
 * 1 mail a minute while 20,000 mails are stored, time the sender's due query against them, then send at
 * {@value #RATE}/min for {@value #SAMPLE_SECONDS} s and unlimited for the rest. In the test JVM: count what GreenMail
 * received in each phase, and check that exactly 20,000 distinct Message-IDs arrived. Writes docs/performance.md.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailRateBenchmarkIT {

    static final String DOMAIN = "mail-rate-bench.example";
    /** 20,000 by default; -Dkagi.bench.mail.count (for both JVMs: also in -Dkagi.it.jvm) for a shorter run. */
    static final int MAILS = Integer.getInteger("kagi.bench.mail.count", 20_000);
    static final int CHUNK = 1_000;
    static final int RATE = 600;
    static final int SAMPLE_SECONDS = 30;

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(MailRateBenchmarkIT.class, MailRateProbe.class, KagiDeployment.class,
                BenchReport.class, SmtpCapture.class, SmtpCapture.Received.class);
    }

    @Inject
    MailRateProbe probe;

    @Test
    @Order(1)
    @RunAsClient
    void smtpServerUp() {
        SmtpCapture.start();
    }

    /** Runs inside the server and leaves its timings in a file the client-side step reports. */
    @Test
    @Order(2)
    void fillThenSendAtTheRateThenUnlimited() throws Exception {
        Properties r = new Properties();
        String before = probe.setRate("1");
        try {
            long t = System.nanoTime();
            Set<String> ids = new HashSet<>();
            for (int from = 0; from < MAILS; from += CHUNK) {
                ids.addAll(probe.enqueue(DOMAIN, from, CHUNK, false));
            }
            r.setProperty("enqueue.ms", String.valueOf((System.nanoTime() - t) / 1_000_000));
            assertEquals(MAILS, ids.size());

            probe.dueQueryMillis(); // warm-up
            double[] due = new double[10];
            for (int i = 0; i < due.length; i++) {
                due[i] = probe.dueQueryMillis();
            }
            r.setProperty("due.p50", String.format("%.1f", BenchReport.quantile(due, 0.5)));
            r.setProperty("due.max", String.format("%.1f", BenchReport.quantile(due, 1.0)));
            r.setProperty("due.plan", probe.duePlan());
            r.setProperty("sent.before", String.valueOf(probe.sent(DOMAIN)));

            Instant rateStart = Instant.now();
            probe.setRate(String.valueOf(RATE));
            Thread.sleep(SAMPLE_SECONDS * 1000L); // the measuring window, not a synchronisation
            probe.setRate("0");
            Instant unlimitedStart = Instant.now();
            r.setProperty("rate.start", rateStart.toString());
            r.setProperty("unlimited.start", unlimitedStart.toString());

            long deadline = System.nanoTime() + Duration.ofMinutes(40).toNanos();
            while (probe.sent(DOMAIN) < MAILS) {
                assertTrue(System.nanoTime() < deadline, "only " + probe.sent(DOMAIN) + " sent in 40 minutes");
                Thread.sleep(500);
            }
            r.setProperty("server.jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        } finally {
            probe.setRate(before);
        }
        try (var out = Files.newOutputStream(resultsFile())) {
            r.store(out, "mail rate benchmark");
        }
    }

    /** Runs in the test JVM, which holds GreenMail and knows where docs/performance.md is. */
    @Test
    @Order(3)
    @RunAsClient
    void countAndReport() throws Exception {
        String database = System.getProperty("arquillian.launch", "wildfly-h2").replace("wildfly-", "");
        List<SmtpCapture.Received> mails;
        try {
            SmtpCapture.await(DOMAIN, MAILS, 600);
            Thread.sleep(3_000); // three more sender rounds: a mail sent twice would show up now
            mails = SmtpCapture.received(DOMAIN).stream().sorted(Comparator.comparing(SmtpCapture.Received::at))
                    .toList();
        } finally {
            SmtpCapture.stop();
        }
        Properties r = new Properties();
        try (var in = Files.newInputStream(Path.of(System.getProperty("kagi.it.dir"), database,
                "bench-mail-rate.properties"))) {
            r.load(in);
        }
        long distinct = mails.stream().map(SmtpCapture.Received::messageId).distinct().count();
        assertEquals(MAILS, mails.size(), "received");
        assertEquals(MAILS, distinct, "distinct Message-IDs");

        Instant rateStart = Instant.parse(r.getProperty("rate.start"));
        Instant unlimitedStart = Instant.parse(r.getProperty("unlimited.start"));
        long atRate = mails.stream().filter(m -> !m.at().isBefore(rateStart) && m.at().isBefore(unlimitedStart)).count();
        double ratePerMinute = atRate * 60_000.0 / Duration.between(rateStart, unlimitedStart).toMillis();
        List<SmtpCapture.Received> unlimited = mails.stream().filter(m -> !m.at().isBefore(unlimitedStart)).toList();
        Instant last = mails.get(mails.size() - 1).at();
        double unlimitedSeconds = Duration.between(unlimitedStart, last).toMillis() / 1000.0;
        double unlimitedPerMinute = unlimited.size() * 60 / unlimitedSeconds;
        double totalSeconds = Duration.between(rateStart, last).toMillis() / 1000.0;
        // the busiest second of the rated phase: the burst bound (10 at 600/min) plus one second's rate
        int busiest = 0;
        List<SmtpCapture.Received> rated = mails.stream()
                .filter(m -> !m.at().isBefore(rateStart) && m.at().isBefore(unlimitedStart)).toList();
        for (int i = 0, j = 0; i < rated.size(); i++) {
            while (Duration.between(rated.get(j).at(), rated.get(i).at()).toMillis() >= 1000) {
                j++;
            }
            busiest = Math.max(busiest, i - j + 1);
        }

        StringBuilder md = new StringBuilder(String.format("## Mail rate: a campaign's %,d mails through the outbox"
                + " (issue 9), ", MAILS)).append(database).append("\n\n");
        md.append("Measured ").append(LocalDate.now()).append(" on ").append(BenchReport.machine()).append("; server ")
                .append(r.getProperty("server.jvm")).append(" on the same machine, GreenMail in the test JVM as the")
                .append(" SMTP server, sender poll `PT1S` (the tests' setting; production default `PT10S`). **The")
                .append(" machine has 2 cores and other builds and test servers were running on it at the same time.**")
                .append("\n\n");
        md.append("| what | result |\n| --- | --- |\n")
                .append(String.format("| store %,d mails in the outbox (%,d per transaction, body sealed) | %.1f s |%n",
                        MAILS, CHUNK, Long.parseLong(r.getProperty("enqueue.ms")) / 1000.0))
                .append(String.format("| the sender's due query (50 oldest due) with %,d pending, median / max of 10 |"
                        + " %s / %s ms |%n", MAILS, r.getProperty("due.p50"), r.getProperty("due.max")))
                .append(String.format("| `KAGI_MAIL_RATE=%d`: received in the first %d s | %,d mails = **%.0f/min**"
                        + " (configured %d/min; burst bound %d) |%n", RATE, SAMPLE_SECONDS, atRate, ratePerMinute,
                        RATE, Math.max(2, (RATE + 59) / 60)))
                .append(String.format("| busiest second at %d/min | %d mails (bound: burst %d + %d per second) |%n",
                        RATE, busiest, Math.max(2, (RATE + 59) / 60), RATE / 60))
                .append(String.format("| then `KAGI_MAIL_RATE=0` (unlimited): the remaining %,d mails | %.0f s ="
                        + " **%.0f/min** |%n", unlimited.size(), unlimitedSeconds, unlimitedPerMinute))
                .append(String.format("| all %,d mails, from the first at the rate to the last | %.0f s (%.1f min) |%n",
                        MAILS, totalSeconds, totalSeconds / 60))
                .append(String.format("| received / distinct Message-IDs / duplicates | %,d / %,d / **%d** |%n",
                        mails.size(), distinct, mails.size() - distinct));
        md.append("\nWhile the mails were stored the rate was 1/min (").append(r.getProperty("sent.before"))
                .append(" mail(s) left meanwhile), so that the due query met all of them pending. Its plan:\n\n```\n")
                .append(r.getProperty("due.plan")).append("\n```\n\n");
        md.append("Unlimited, one sender opens an SMTP connection per mail and commits each mail's state in its own")
                .append(" transaction; that, not the rate, bounds the throughput. Sizing: 20,000 mails take 20,000 / rate")
                .append(" minutes (33 min at the default 600/min). Rerun: `bench/run.sh MailRateBenchmarkIT`.\n");
        BenchReport.write("mail-rate-" + database, md.toString());
    }

    private static Path resultsFile() {
        return Path.of(System.getProperty("jboss.server.base.dir"), "bench-mail-rate.properties");
    }
}
