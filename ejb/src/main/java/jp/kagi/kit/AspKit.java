package jp.kagi.kit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A customer's rendered kit: file names (under {@link #DIRECTORY}) and contents, written as a ZIP. The file name is
 * ASCII on purpose: the customer's name is free text, and a download name needs none of it.
 */
public record AspKit(Map<String, byte[]> files) {

    public static final String FILE_NAME = "kagi-asp-kit.zip";
    public static final String DIRECTORY = "kagi-asp-kit/";

    public AspKit {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files)); // keeps the README first in the ZIP
    }

    public void writeZip(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            ZipEntry entry = new ZipEntry(DIRECTORY + file.getKey());
            zip.putNextEntry(entry);
            zip.write(file.getValue());
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }
}
