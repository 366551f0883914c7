package jp.kagi.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The address a request really comes from. {@code X-Forwarded-For} is believed only when the peer is one of the
 * trusted proxies of KAGI_TRUSTED_PROXIES (addresses or CIDRs, comma separated; none by default), and then only
 * as far as the chain runs through trusted proxies: the right-most untrusted hop is the client, so a client cannot
 * pick its own address by sending the header itself.
 */
@ApplicationScoped
public class ClientAddress {

    public static final String SETTING = "kagi.trusted.proxies";

    @Inject
    Settings settings;

    private List<Cidr> trusted = List.of();

    public ClientAddress() {
    }

    ClientAddress(String trustedProxies) {
        this.trusted = parse(trustedProxies);
    }

    @PostConstruct
    void init() {
        trusted = parse(settings.get(SETTING, ""));
    }

    /** The client's address given the TCP peer and every X-Forwarded-For header value (null when absent). */
    public String of(String peer, List<String> forwardedFor) {
        if (trusted.isEmpty() || forwardedFor == null || forwardedFor.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (toAddress(hop) == null) {
                return client; // garbage in the chain: stop at the last hop we could vouch for
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    boolean isTrusted(String address) {
        InetAddress a = toAddress(address);
        return a != null && trusted.stream().anyMatch(c -> c.contains(a));
    }

    static List<Cidr> parse(String list) {
        List<Cidr> result = new ArrayList<>();
        if (list == null) {
            return result;
        }
        for (String item : list.split("[,\\s]+")) {
            if (item.isBlank()) {
                continue;
            }
            String[] parts = item.strip().split("/", 2);
            InetAddress base = toAddress(parts[0]);
            if (base == null) {
                throw new IllegalStateException("Setting " + SETTING + ": not an address or CIDR: '" + item + "'");
            }
            int bits = base.getAddress().length * 8;
            int prefix;
            try {
                prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
            } catch (NumberFormatException e) {
                throw new IllegalStateException("Setting " + SETTING + ": bad prefix in '" + item + "'", e);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalStateException("Setting " + SETTING + ": bad prefix in '" + item + "'");
            }
            result.add(new Cidr(base.getAddress(), prefix));
        }
        return List.copyOf(result);
    }

    /** A literal IPv4/IPv6 address (never a DNS look-up), or null. */
    static InetAddress toAddress(String text) {
        if (text == null) {
            return null;
        }
        String a = text.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (!a.matches("[0-9A-Fa-f:.]{2,45}") || !(a.contains(":") || a.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return null;
        }
        try {
            return InetAddress.getByName(a);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    record Cidr(byte[] base, int prefix) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != base.length) {
                return false;
            }
            int bits = a.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, a).and(mask).equals(new BigInteger(1, base).and(mask));
        }
    }
}
