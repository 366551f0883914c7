package jp.kagi.revocation;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.ca.CrlSigner;
import jp.kagi.platform.Settings;

/**
 * Signs and publishes the issuing CA's full and delta CRLs. A CRL is built by streaming the revoked certificates
 * from the database ({@link CrlStore#streamRevoked}) into {@link CrlEncoder}, signed, written to
 * {@code <KAGI_DATA_DIR>/crl/} and stored in the database, which is the record: after a restart, or on a node that
 * did not sign it, the newest stored CRL is served at once (copied to the local directory on first use). Nothing is
 * ever signed on a request. One signing at a time per node; the number comes from the database, so two nodes never
 * share one. Who signs when: {@link CrlRefresh}.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CrlPublisher {

    private static final Logger LOG = Logger.getLogger(CrlPublisher.class.getName());

    @Inject
    private CrlStore store;

    @Inject
    private CertificateAuthority ca;

    @Inject
    private Settings settings;

    @Inject
    private Clock clock;

    /** Tells who copies CRLs elsewhere (the 8444 listener's CRL file) that a new one is out. */
    @Inject
    private Event<Published> publishedEvent;

    private final ReentrantLock signing = new ReentrantLock();
    private final ReentrantLock copying = new ReentrantLock();
    private volatile CrlSchedule schedule = CrlSchedule.DEFAULT;
    private Path directory;

    /** A published CRL: what it is and the local file holding its DER. */
    public record Published(CrlInfo info, Path file) {
    }

    @PostConstruct
    void init() {
        directory = settings.dataDir().resolve("crl");
    }

    public void use(CrlSchedule schedule) {
        this.schedule = schedule;
    }

    public CrlSchedule schedule() {
        return schedule;
    }

    /** Signs and publishes a CRL of this kind now (a delta signs its base first if there is none). */
    public CrlInfo sign(CrlKind kind) {
        signing.lock();
        try {
            if (kind == CrlKind.DELTA) {
                CrlInfo base = store.latest(CrlKind.FULL).orElseGet(() -> signLocked(CrlKind.FULL, null));
                return signLocked(CrlKind.DELTA, base);
            }
            return signLocked(CrlKind.FULL, null);
        } finally {
            signing.unlock();
        }
    }

    /**
     * After revocations: the delta first (small, so the revocation is public within a second or two even when the
     * full CRL is large), then the full CRL, then a delta over that new base, whose number is again the highest.
     */
    public void afterRevocation() {
        signing.lock();
        try {
            sign(CrlKind.DELTA);
            sign(CrlKind.FULL);
            sign(CrlKind.DELTA);
        } finally {
            signing.unlock();
        }
    }

    /**
     * How long a full CRL signed now is valid (nextUpdate - thisUpdate). Read by the OCSP responder, whose answers are
     * valid exactly as long: the one coupling between the two.
     */
    public java.time.Duration validity() {
        return schedule.validity(CrlKind.FULL);
    }

    /** At start: signs what is missing or due, so that a restart after a long stop does not serve a stale CRL. */
    public void signDue() {
        signing.lock();
        try {
            Instant now = clock.instant();
            Optional<CrlInfo> full = store.latest(CrlKind.FULL);
            if (full.isEmpty() || schedule.isDue(CrlKind.FULL, full.get(), now)) {
                sign(CrlKind.FULL);
            }
            Optional<CrlInfo> delta = store.latest(CrlKind.DELTA);
            CrlInfo base = store.latest(CrlKind.FULL).orElseThrow();
            if (delta.isEmpty() || schedule.isDue(CrlKind.DELTA, delta.get(), now)
                    || delta.get().number() < base.number()) {
                sign(CrlKind.DELTA);
            }
        } finally {
            signing.unlock();
        }
    }

    /** The newest published CRL of this kind, as a local file; empty until the first one is signed. */
    public Optional<Published> current(CrlKind kind) {
        Optional<CrlInfo> info = store.latest(kind);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        Path file = file(kind, info.get().number());
        if (!Files.exists(file)) {
            copying.lock();
            try {
                if (!Files.exists(file)) {
                    Files.createDirectories(directory);
                    Path tmp = Files.createTempFile(directory, "copy-", ".tmp");
                    boolean stored;
                    try (OutputStream out = Files.newOutputStream(tmp)) {
                        stored = store.copyDer(info.get().number(), out);
                    }
                    if (!stored) {
                        Files.deleteIfExists(tmp);
                        return current(kind); // pruned meanwhile by a newer one
                    }
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                copying.unlock();
            }
        }
        return Optional.of(new Published(info.get(), file));
    }

    public Optional<CrlInfo> latest(CrlKind kind) {
        return store.latest(kind);
    }

    /** The entry for {@code serialHex} in the current CRL of this kind, read from the published bytes. */
    public Optional<CrlEntryLookup.Entry> entry(CrlKind kind, String serialHex) {
        return current(kind).flatMap(p -> CrlEntryLookup.find(p.file(), new BigInteger(serialHex, 16)));
    }

    private CrlInfo signLocked(CrlKind kind, CrlInfo base) {
        long started = System.nanoTime();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = now.plus(schedule.validity(kind));
        CrlSigner signer = ca.crlSigner();
        long number = store.takeNumber(now.toEpochMilli());
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, kind.name().toLowerCase() + "-", ".tmp");
            long size;
            long entries;
            try (CrlEncoder encoder = new CrlEncoder(directory)) {
                store.streamRevoked(now, base == null ? null : schedule.deltaSince(base.thisUpdate()), encoder::add);
                entries = encoder.entryCount();
                byte[] extensions = kind == CrlKind.FULL
                        ? CrlExtensions.full(signer.authorityKeyId(), number, ca.freshestCrlUrl())
                        : CrlExtensions.delta(signer.authorityKeyId(), number, base.number());
                size = encoder.sign(signer.algorithmIdentifier(), signer.issuerName(), now, nextUpdate, extensions,
                        signer.signature(), tmp);
            }
            CrlInfo info = new CrlInfo(kind, number, base == null ? null : base.number(), now, nextUpdate, entries, size,
                    (System.nanoTime() - started) / 1_000_000, clock.instant());
            Path file = file(kind, number);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            store.save(info, file);
            CrlInfo published = info;
            removeOldFiles(kind);
            publishedEvent.fire(new Published(published, file));
            LOG.fine(() -> "Signed " + kind + " CRL " + number + ": " + entries + " entries, " + size + " bytes in "
                    + published.buildMillis() + " ms");
            return published;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(CrlKind kind, long number) {
        return directory.resolve(kind.name().toLowerCase() + "-" + number + ".crl");
    }

    /** Local copies other than the newest two of a kind (a download still reading one keeps its open file). */
    private void removeOldFiles(CrlKind kind) {
        String prefix = kind.name().toLowerCase() + "-";
        try (var files = Files.list(directory)) {
            files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".crl"))
                    .sorted(java.util.Comparator.comparingLong((Path f) -> number(f, prefix)).reversed())
                    .skip(2)
                    .forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            LOG.fine(() -> "Could not tidy " + directory + ": " + e);
        }
    }

    private static long number(Path file, String prefix) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(prefix.length(), name.length() - 4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
