package jp.kagi.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Writes files that hold secrets (keystores, their passwords, exported keys) readable by the owner only. The mode
 * is given when the file is created, never set afterwards, so there is no moment at which another local user could
 * open it; a replacement is written to a new 0600 file in the same directory and then renamed over the target
 * atomically, so a crash leaves either the old or the new content, never half of one.
 */
public final class OwnerOnlyFiles {

    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerOnlyFiles() {
    }

    /** Writes the content of one secret file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Creates {@code target}, which must not exist yet, with mode 0600 and {@code content}. */
    public static void createNew(Path target, byte[] content) throws IOException {
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(target,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(target)))) {
            out.write(content);
        }
    }

    /** Replaces (or creates) {@code target} atomically with what {@code content} writes; the result is 0600. */
    public static void replace(Path target, Content content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "."
                + HexFormat.of().formatHex(randomBytes()) + ".tmp");
        try {
            try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(tmp,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(tmp)))) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Replaces (or creates) {@code target} atomically with {@code bytes}; the result is 0600. */
    public static void replace(Path target, byte[] bytes) throws IOException {
        replace(target, out -> out.write(bytes));
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        boolean posix = (parent == null ? FileSystems.getDefault() : parent.getFileSystem())
                .supportedFileAttributeViews().contains("posix");
        // Not a POSIX file system (Windows): the directory's ACL is the operator's to set (docs/operations.md).
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
