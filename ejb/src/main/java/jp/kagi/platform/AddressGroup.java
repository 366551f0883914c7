package jp.kagi.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The key under which sign-in failures of a source address are counted: an IPv4 address as it is, an IPv6 address
 * by its /64 (one subscriber or host usually holds a whole /64, so counting single IPv6 addresses would let it rotate
 * through 2^64 of them). Parses literals only, never a host name (no DNS look-up).
 */
public final class AddressGroup {

    private AddressGroup() {
    }

    public static String of(String address) {
        if (address == null || address.isBlank()) {
            return "";
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (!a.matches("[0-9A-Fa-f:.]{2,45}")) {
            return a.toLowerCase(Locale.ROOT);
        }
        try {
            byte[] bytes = InetAddress.getByName(a).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return a.toLowerCase(Locale.ROOT);
        }
    }
}
