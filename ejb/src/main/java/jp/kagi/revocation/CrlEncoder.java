package jp.kagi.revocation;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes an X.509 v2 CRL (RFC 5280 §5.1) as DER without holding its entries in memory. Bouncy Castle's
 * {@code X509v2CRLBuilder} keeps every entry as a tree of ASN.1 objects until it encodes (hundreds of bytes of heap
 * per entry, so hundreds of MB at a million); here each entry is encoded at once into a temporary file, and the
 * signature is computed over a second, streamed pass. The output is byte for byte what Bouncy Castle would write for
 * the same input (the unit test compares them).
 *
 * <p>Use: {@link #add} every revoked certificate, then {@link #sign}. Not thread-safe; one instance per CRL.
 */
public final class CrlEncoder implements Closeable {

    private static final int BUFFER = 1 << 16;
    /** id-ce-cRLReasons (2.5.29.21) as an Extension with extnValue ENUMERATED, minus the code byte at the end. */
    private static final byte[] REASON_PREFIX = {0x30, 0x0C, 0x30, 0x0A, 0x06, 0x03, 0x55, 0x1D, 0x15, 0x04, 0x03,
        0x0A, 0x01};

    private final Path entriesFile;
    private final OutputStream entries;
    private final byte[] entry = new byte[64 + REASON_PREFIX.length];
    private long entryCount;
    private long entryBytes;

    public CrlEncoder(Path workDirectory) {
        try {
            Files.createDirectories(workDirectory);
            entriesFile = Files.createTempFile(workDirectory, "entries-", ".der");
            entries = new BufferedOutputStream(Files.newOutputStream(entriesFile), BUFFER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One revokedCertificates entry: the serial (as Kagi stores it, hexadecimal), the revocation date and the
     * RFC 5280 reason code; code 0 (unspecified) is left out, as §5.3.1 recommends.
     */
    public void add(String serialHex, Instant revokedAt, int reasonCode) {
        int at = 2;
        at = serial(serialHex, entry, at);
        at = time(revokedAt, entry, at);
        if (reasonCode != 0) {
            System.arraycopy(REASON_PREFIX, 0, entry, at, REASON_PREFIX.length);
            at += REASON_PREFIX.length;
            entry[at++] = (byte) reasonCode;
        }
        int content = at - 2;
        if (content > 127) {
            throw new IllegalArgumentException("CRL entry too long for serial " + serialHex);
        }
        entry[0] = 0x30;
        entry[1] = (byte) content;
        try {
            entries.write(entry, 0, at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entryCount++;
        entryBytes += at;
    }

    public long entryCount() {
        return entryCount;
    }

    /**
     * Signs and writes the CRL to {@code out}. {@code signatureAlgorithm} is the DER AlgorithmIdentifier that
     * {@code signer} (initialised for signing) produces; {@code issuer} the DER Name; {@code extensions} the DER
     * Extensions (a SEQUENCE) of the CRL itself. Returns the size in bytes.
     */
    public long sign(byte[] signatureAlgorithm, byte[] issuer, Instant thisUpdate, Instant nextUpdate,
                     byte[] extensions, Signature signer, Path out) {
        try {
            entries.close();
            byte[] head = concat(new byte[] {0x02, 0x01, 0x01}, signatureAlgorithm, issuer, timeTlv(thisUpdate),
                    timeTlv(nextUpdate), entryCount == 0 ? new byte[0] : header(0x30, entryBytes));
            byte[] tail = concat(header(0xA0, extensions.length), extensions);
            long tbsLength = head.length + (entryCount == 0 ? 0 : entryBytes) + tail.length;
            byte[] tbsHeader = header(0x30, tbsLength);

            signer.update(tbsHeader);
            signer.update(head);
            if (entryCount > 0) {
                copy(entriesFile, new SignatureSink(signer));
            }
            signer.update(tail);
            byte[] signature = signer.sign();
            byte[] bitString = concat(header(0x03, signature.length + 1L), new byte[] {0}, signature);

            long total = tbsHeader.length + tbsLength + signatureAlgorithm.length + bitString.length;
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), BUFFER)) {
                o.write(header(0x30, total));
                o.write(tbsHeader);
                o.write(head);
                if (entryCount > 0) {
                    copy(entriesFile, o);
                }
                o.write(tail);
                o.write(signatureAlgorithm);
                o.write(bitString);
            }
            return header(0x30, total).length + total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the CRL", e);
        }
    }

    @Override
    public void close() {
        try {
            entries.close();
            Files.deleteIfExists(entriesFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DER INTEGER of a positive serial given in hexadecimal: leading zeros dropped, a 0x00 added if the top bit is set. */
    static int serial(String hex, byte[] out, int at) {
        int length = hex.length();
        int start = 0;
        while (start < length - 1 && hex.charAt(start) == '0') {
            start++;
        }
        int digits = length - start;
        int bytes = (digits + 1) / 2;
        if (bytes > 40) {
            throw new IllegalArgumentException("serial too long: " + hex);
        }
        int first = digits % 2 == 1 ? Character.digit(hex.charAt(start), 16)
                : Character.digit(hex.charAt(start), 16) << 4 | Character.digit(hex.charAt(start + 1), 16);
        boolean pad = first >= 0x80;
        out[at++] = 0x02;
        out[at++] = (byte) (bytes + (pad ? 1 : 0));
        if (pad) {
            out[at++] = 0;
        }
        int i = start;
        if (digits % 2 == 1) {
            out[at++] = (byte) Character.digit(hex.charAt(i++), 16);
        }
        for (; i < length; i += 2) {
            int hi = Character.digit(hex.charAt(i), 16);
            int lo = Character.digit(hex.charAt(i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hexadecimal serial: " + hex);
            }
            out[at++] = (byte) (hi << 4 | lo);
        }
        return at;
    }

    /** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, whole seconds, Zulu. */
    static int time(Instant instant, byte[] out, int at) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        boolean utc = year >= 1950 && year < 2050;
        out[at++] = (byte) (utc ? 0x17 : 0x18);
        out[at++] = (byte) (utc ? 13 : 15);
        if (!utc) {
            at = two(year / 100, out, at);
        }
        at = two(year % 100, out, at);
        at = two(t.getMonthValue(), out, at);
        at = two(t.getDayOfMonth(), out, at);
        at = two(t.getHour(), out, at);
        at = two(t.getMinute(), out, at);
        at = two(t.getSecond(), out, at);
        out[at++] = 'Z';
        return at;
    }

    static byte[] timeTlv(Instant instant) {
        byte[] out = new byte[17];
        int length = time(instant, out, 0);
        return java.util.Arrays.copyOf(out, length);
    }

    /** A DER tag and definite length. */
    static byte[] header(int tag, long length) {
        if (length < 0x80) {
            return new byte[] {(byte) tag, (byte) length};
        }
        int octets = (64 - Long.numberOfLeadingZeros(length) + 7) / 8;
        byte[] out = new byte[2 + octets];
        out[0] = (byte) tag;
        out[1] = (byte) (0x80 | octets);
        for (int i = 0; i < octets; i++) {
            out[2 + i] = (byte) (length >>> (8 * (octets - 1 - i)));
        }
        return out;
    }

    private static int two(int value, byte[] out, int at) {
        out[at++] = (byte) ('0' + value / 10);
        out[at++] = (byte) ('0' + value % 10);
        return at;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static void copy(Path file, OutputStream to) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            in.transferTo(to);
        }
    }

    /** Feeds what is written to a {@link Signature}. */
    private static final class SignatureSink extends OutputStream {
        private final Signature signer;

        SignatureSink(Signature signer) {
            this.signer = signer;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                signer.update(b, off, len);
            } catch (java.security.SignatureException e) {
                throw new IOException(e);
            }
        }
    }
}
