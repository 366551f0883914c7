package jp.kagi.asp;

import java.util.function.BiConsumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Receives the JDK's own record of every TLS handshake this server ends with a fatal alert. The JDK writes it
 * ("Fatal (ALERT): diagnostic", with the cause) to the System.Logger {@code javax.net.ssl} when the system property
 * {@code javax.net.debug} is set and empty (bin/kagi.sh, prepare-it.sh); configure.cli keeps that logger at ERROR and
 * away from the server log, so this handler is the one place such a refusal is logged, once, with its reason.
 * Alerts received from the peer (a browser that distrusts the server certificate) are not refusals and are ignored.
 */
final class TlsRefusalHandler extends Handler {

    private final BiConsumer<RefusalReason, String> refused;

    TlsRefusalHandler(BiConsumer<RefusalReason, String> refused) {
        this.refused = refused;
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (record.getLevel().intValue() < Level.SEVERE.intValue() || message == null || !message.startsWith("Fatal (")
                || message.contains("Received fatal alert")) {
            return;
        }
        refused.accept(RefusalReason.ofHandshakeFailure(details(record)), firstLine(message));
    }

    /** The message and the formatted cause (the JDK passes it as the one parameter), where the nested reason is. */
    static String details(LogRecord record) {
        StringBuilder all = new StringBuilder(record.getMessage());
        Object[] params = record.getParameters();
        if (params != null) {
            for (Object p : params) {
                String s = String.valueOf(p);
                all.append('\n').append(s, 0, Math.min(s.length(), 8_000));
            }
        }
        if (record.getThrown() != null) {
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                all.append('\n').append(t);
            }
        }
        return all.toString();
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        // nothing held
    }
}
