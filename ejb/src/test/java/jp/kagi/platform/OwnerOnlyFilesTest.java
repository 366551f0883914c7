package jp.kagi.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret files are 0600 from the moment they exist, including the temporary file of an atomic replacement. */
class OwnerOnlyFilesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    }

    @Test
    void createNewIsOwnerOnlyAndRefusesAnExistingFile() throws IOException {
        Path file = dir.resolve("keystore.password");
        OwnerOnlyFiles.createNew(file, new byte[] {1, 2, 3});
        assertEquals(OwnerOnlyFiles.OWNER_ONLY, Files.getPosixFilePermissions(file));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        // Never opens (and so never truncates or re-modes) a file someone else created first.
        assertThrows(FileAlreadyExistsException.class, () -> OwnerOnlyFiles.createNew(file, new byte[] {9}));
    }

    @Test
    void replaceWritesATempFileThatIsOwnerOnlyBeforeItHoldsAByte() throws IOException {
        Path target = dir.resolve("kagi-ca.p12");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
        OwnerOnlyFiles.replace(target, out -> {
            // Inside the write: the target is still the old file, and the temporary file already is 0600.
            List<Path> temps = temps();
            assertEquals(1, temps.size(), temps.toString());
            assertEquals(OwnerOnlyFiles.OWNER_ONLY, Files.getPosixFilePermissions(temps.get(0)));
            assertEquals(0, Files.size(temps.get(0)));
            assertEquals("old", Files.readString(target));
            out.write("new".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        });
        assertEquals("new", Files.readString(target));
        // The result is the renamed temporary file: its mode was set at creation, not by a later chmod.
        assertEquals(OwnerOnlyFiles.OWNER_ONLY, Files.getPosixFilePermissions(target));
        assertTrue(temps().isEmpty());
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("trust.p12");
        OwnerOnlyFiles.replace(target, "v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThrows(IOException.class, () -> OwnerOnlyFiles.replace(target, out -> {
            out.write(1);
            throw new IOException("disk full");
        }));
        assertEquals("v1", Files.readString(target));
        assertTrue(temps().isEmpty());
    }

    private List<Path> temps() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
