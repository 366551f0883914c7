package jp.kagi.revocation;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds one serial's entry in a signed CRL file by walking its DER, entry by entry, without building the whole CRL
 * in memory (a CRL of a million entries is ~50 MB): what the back office shows as "the CRL entry for this serial"
 * comes from the published bytes themselves, not from the database they were built from.
 */
public final class CrlEntryLookup {

    private CrlEntryLookup() {
    }

    /** An entry as the CRL states it; {@code reasonCode} 0 when the entry has no reason code (unspecified). */
    public record Entry(BigInteger serial, Instant revokedAt, int reasonCode) {
    }

    public static Optional<Entry> find(Path crl, BigInteger serial) {
        byte[] wanted = serial.toByteArray();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(crl), 1 << 16)) {
            Der der = new Der(in);
            der.enter(0x30);
            der.enter(0x30);
            if (der.peekTag() == 0x02) {
                der.skip();
            }
            der.skip(); // signature algorithm
            der.skip(); // issuer
            der.skip(); // thisUpdate
            int tag = der.peekTag();
            if (tag == 0x17 || tag == 0x18) {
                der.skip(); // nextUpdate
                tag = der.peekTag();
            }
            if (tag != 0x30) {
                return Optional.empty();
            }
            long end = der.position() + der.enter(0x30);
            while (der.position() < end) {
                byte[] entry = der.content(0x30);
                Entry e = parse(entry);
                if (Arrays.equals(e.serial().toByteArray(), wanted)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Entry parse(byte[] entry) throws IOException {
        Der der = new Der(new java.io.ByteArrayInputStream(entry));
        BigInteger serial = new BigInteger(der.content(0x02));
        int timeTag = der.peekTag();
        Instant at = time(timeTag, new String(der.content(timeTag), StandardCharsets.US_ASCII));
        int reason = 0;
        if (der.position() < entry.length) {
            byte[] extensions = der.content(0x30);
            Der ext = new Der(new java.io.ByteArrayInputStream(extensions));
            while (ext.position() < extensions.length) {
                Der one = new Der(new java.io.ByteArrayInputStream(ext.content(0x30)));
                byte[] oid = one.content(0x06);
                if (one.peekTag() == 0x01) {
                    one.skip();
                }
                byte[] value = one.content(0x04);
                if (Arrays.equals(oid, new byte[] {0x55, 0x1D, 0x15}) && value.length == 3) {
                    reason = value[2];
                }
            }
        }
        return new Entry(serial, at, reason);
    }

    private static Instant time(int tag, String text) {
        String full = tag == 0x17 ? (Integer.parseInt(text.substring(0, 2)) < 50 ? "20" : "19") + text : text;
        return LocalDateTime.of(Integer.parseInt(full.substring(0, 4)), Integer.parseInt(full.substring(4, 6)),
                Integer.parseInt(full.substring(6, 8)), Integer.parseInt(full.substring(8, 10)),
                Integer.parseInt(full.substring(10, 12)), Integer.parseInt(full.substring(12, 14))).toInstant(ZoneOffset.UTC);
    }

    /** A minimal DER reader over a stream: tags below 31, definite lengths. */
    private static final class Der {
        private final InputStream in;
        private long position;
        private int peeked = -1;

        Der(InputStream in) {
            this.in = in;
        }

        long position() {
            return position;
        }

        int peekTag() throws IOException {
            if (peeked < 0) {
                peeked = in.read();
                if (peeked < 0) {
                    throw new EOFException();
                }
            }
            return peeked;
        }

        /** Reads a tag (which must be {@code tag}) and length; returns the length; the content follows. */
        long enter(int tag) throws IOException {
            int t = peekTag();
            peeked = -1;
            position++;
            if (t != tag) {
                throw new IOException("expected tag " + tag + ", found " + t);
            }
            return length();
        }

        void skip() throws IOException {
            int t = peekTag();
            long length = enter(t);
            in.skipNBytes(length);
            position += length;
        }

        byte[] content(int tag) throws IOException {
            long length = enter(tag);
            if (length > Integer.MAX_VALUE) {
                throw new IOException("element too long");
            }
            byte[] out = in.readNBytes((int) length);
            if (out.length != length) {
                throw new EOFException();
            }
            position += length;
            return out;
        }

        private long length() throws IOException {
            int first = read();
            if (first < 0x80) {
                return first;
            }
            int octets = first & 0x7F;
            if (octets == 0 || octets > 7) {
                throw new IOException("unsupported length");
            }
            long length = 0;
            for (int i = 0; i < octets; i++) {
                length = length << 8 | read();
            }
            return length;
        }

        private int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            position++;
            return b;
        }
    }
}
